package dev.pretrain.dedup.filter;

/** A named quality rule set over a document's (cleaned) text, in the manner of datatrove's BaseFilter. */
public interface DocumentFilter {
  /** The filter's name as written to {@code rejected/} and the run report, e.g. {@code gopher-quality}. */
  String name();

  /** Keep, or drop naming the first rule that failed and its measured value. */
  Verdict apply(DocumentText document);

  default Verdict apply(String text) {
    return apply(new DocumentText(text));
  }
}
