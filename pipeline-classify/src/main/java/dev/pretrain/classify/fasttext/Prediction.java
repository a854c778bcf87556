package dev.pretrain.classify.fasttext;

/**
 * One predicted label.
 *
 * @param label the label as the model names it, e.g. {@code __label__en}
 * @param labelId its id among the model's labels (its output row for softmax and one-vs-all)
 * @param probability what fastText prints for it: {@code exp(log(p + 1e-5))}, so p plus about
 *     1e-5 (a certain label scores 1.00001); for hierarchical softmax the product of the path's
 *     {@code p + 1e-5}
 */
public record Prediction(String label, int labelId, float probability) {}
