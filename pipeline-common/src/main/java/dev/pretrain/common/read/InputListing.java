package dev.pretrain.common.read;

import java.util.List;

/**
 * What the inputs a user gave expand to: the files to read, in path order, and the files met but
 * skipped, in path order, for the run report.
 */
public record InputListing(List<InputFile> files, List<SkippedFile> skipped) {
  public InputListing {
    files = List.copyOf(files);
    skipped = List.copyOf(skipped);
  }
}
