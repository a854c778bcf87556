/**
 * A GPT-2 model with an explicit forward and backward pass on ND4J, written the way llm.c writes it
 * in C.
 *
 * <ul>
 *   <li>{@link dev.pretrain.trainer.model.Gpt} owns θ as one flat vector with a view per named tensor
 *       ({@link dev.pretrain.trainer.model.ParameterLayout}, Hugging Face GPT-2 names, linear weights
 *       stored {@code [in, out]}), the gradient in a second flat vector of the same layout, and every
 *       activation in one {@link dev.pretrain.trainer.model.Activations}, allocated once for one (B, T).</li>
 *   <li>Each layer is a small class holding its parameters, with its forward and backward side by side
 *       over buffers it is given and the shapes in comments. The same layers and blocks run the
 *       training forward and {@link dev.pretrain.trainer.model.CachedDecoder}'s KV-cached decoding. Activations are {@code [B*T, C]} matrices, so each linear layer is one 2-D
 *       {@code Nd4j.gemm} into a preallocated output; attention's two products are one batched matmul
 *       each over per-head {@code [B*nh, T, hs]} blocks; the loss softmax is ND4J's native op.</li>
 *   <li>Everything elementwise (bias, LayerNorm, GELU, masking, residuals, AdamW) is a plain Java loop
 *       over {@link dev.pretrain.trainer.model.ElementView}, split over the cores by
 *       {@link dev.pretrain.trainer.model.ParallelRanges}: one ND4J op per elementwise step costs
 *       ~10x the loop on this machine (docs/architecture.md, "Platform"), and SameDiff is ~700x slower than PyTorch.</li>
 *   <li>The same code runs in FLOAT (training) and DOUBLE (finite-difference gradient checks).</li>
 * </ul>
 */
package dev.pretrain.trainer.model;
