package dev.pretrain.trainer.data;

/**
 * B rows of T+1 token ids, row-major ({@code [B, T+1]}), and the cursor just after the last row:
 * saving {@code after} with a checkpoint makes a resumed loader start with the next batch.
 */
public record Batch(int[] rows, Cursor after) {
}
