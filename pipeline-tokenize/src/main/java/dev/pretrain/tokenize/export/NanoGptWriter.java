package dev.pretrain.tokenize.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * nanoGPT's token file ({@code data/openwebtext/prepare.py}): the split's documents one after another
 * as one flat stream of little-endian uint16 ids, {@code train.bin} or {@code val.bin}, with no header;
 * every document ends with the end-of-text id, which separates it from the next. One file per split
 * (nanoGPT maps exactly that name); an empty split writes none.
 */
final class NanoGptWriter implements DocumentSink {
  private final String split;
  private final OutputFiles files;
  private final List<String> names = new ArrayList<>();
  private LittleEndianOut out;

  NanoGptWriter(String split, OutputFiles files) {
    this.split = split;
    this.files = files;
  }

  static String fileName(String split) {
    return split + ".bin";
  }

  @Override
  public void start(long documents, long tokens) throws IOException {
    if (tokens > 0) {
      names.add(fileName(split));
      out = new LittleEndianOut(files.create(fileName(split)));
    }
  }

  @Override
  public void beginDocument(long length) {}

  @Override
  public void tokens(int[] ids, int from, int count) throws IOException {
    out.ids(ids, from, count, TokenDtype.UINT16);
  }

  @Override
  public void endDocument() {}

  @Override
  public List<String> finish() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
    return List.copyOf(names);
  }
}
