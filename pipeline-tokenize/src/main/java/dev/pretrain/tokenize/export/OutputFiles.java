package dev.pretrain.tokenize.export;

import java.io.IOException;
import java.io.OutputStream;

/** Where a sink's files go: the export's staging directory on any Hadoop file system (or a test's folder). */
@FunctionalInterface
interface OutputFiles {
  OutputStream create(String name) throws IOException;
}
