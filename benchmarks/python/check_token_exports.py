#!/usr/bin/env python3
"""Reads the three exports of one token dataset with numpy alone, as the trainers do, and checks them.

    python3 benchmarks/python/check_token_exports.py MEGATRON_DIR NANOGPT_DIR LLMC_DIR [EOT_ID]

Each reader follows its format's description (docs/formats.md), not the Java writer: Megatron-LM's
.idx (MMIDIDX header, version, dtype code, counts, lengths, pointers, document indices), nanoGPT's
flat uint16 memmap, llm.c's 256-int32 header. The three must hold the same id stream, every document
ending with the end-of-text id; prints the first ids of each split so they can be compared with
docs/formats.md. Exits 1 on the first mismatch. Needs numpy only.
"""
import glob
import os
import struct
import sys

import numpy as np

MEGATRON_DTYPES = {1: np.uint8, 2: np.int8, 3: np.int16, 4: np.int32, 5: np.int64, 6: np.float64, 7: np.float32,
                   8: np.uint16}


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def read_megatron(prefix):
    with open(prefix + ".idx", "rb") as f:
        if f.read(9) != b"MMIDIDX\x00\x00":
            fail(prefix + ".idx: bad header")
        version, = struct.unpack("<Q", f.read(8))
        code, = struct.unpack("<B", f.read(1))
        sequences, documents = struct.unpack("<QQ", f.read(16))
        offset = f.tell()
    if version != 1:
        fail(prefix + ".idx: version %d" % version)
    dtype = MEGATRON_DTYPES[code]
    idx = np.memmap(prefix + ".idx", mode="r", dtype=np.uint8)
    lengths = np.frombuffer(idx, dtype=np.int32, count=sequences, offset=offset)
    pointers = np.frombuffer(idx, dtype=np.int64, count=sequences, offset=offset + lengths.nbytes)
    doc_index = np.frombuffer(idx, dtype=np.int64, count=documents, offset=offset + lengths.nbytes + pointers.nbytes)
    if offset + lengths.nbytes + pointers.nbytes + doc_index.nbytes != len(idx):
        fail(prefix + ".idx: bytes after the document indices")
    if not np.array_equal(doc_index, np.arange(sequences + 1)):
        fail(prefix + ".idx: document indices are not 0..N")
    itemsize = np.dtype(dtype).itemsize
    expected_pointers = np.concatenate([[0], np.cumsum(lengths.astype(np.int64) * itemsize)[:-1]]) if sequences else []
    if not np.array_equal(pointers, expected_pointers):
        fail(prefix + ".idx: pointers are not the running byte offsets")
    data = np.memmap(prefix + ".bin", mode="r", dtype=dtype) if os.path.getsize(prefix + ".bin") else np.zeros(0, dtype)
    if len(data) != int(lengths.sum()):
        fail(prefix + ".bin: %d ids, the lengths sum to %d" % (len(data), lengths.sum()))
    return data, lengths, np.dtype(dtype).name


def read_llmc(path):
    header = np.fromfile(path, dtype=np.int32, count=256)
    if header[0] != 20240520 or header[1] != 1:
        fail(path + ": magic %d version %d" % (header[0], header[1]))
    ids = np.memmap(path, mode="r", dtype=np.uint16, offset=256 * 4)
    if len(ids) != header[2]:
        fail(path + ": header says %d ids, file holds %d" % (header[2], len(ids)))
    return ids


def main():
    if len(sys.argv) not in (4, 5):
        print(__doc__)
        sys.exit(2)
    megatron_dir, nanogpt_dir, llmc_dir = sys.argv[1:4]
    eot = int(sys.argv[4]) if len(sys.argv) == 5 else 0
    for split in ("train", "val"):
        pairs = sorted(glob.glob(os.path.join(megatron_dir, split + "_[0-9]*.idx")))
        if not pairs:
            print("%s: no files (empty split)" % split)
            continue
        parts = [read_megatron(p[:-4]) for p in pairs]
        megatron = np.concatenate([p[0] for p in parts]).astype(np.int64)
        lengths = np.concatenate([p[1] for p in parts])
        ends = np.cumsum(lengths) - 1
        if not np.all(megatron[ends] == eot):
            fail(split + ": a megatron sequence does not end with the end-of-text id")
        nanogpt = np.memmap(os.path.join(nanogpt_dir, split + ".bin"), dtype=np.uint16, mode="r").astype(np.int64)
        shards = sorted(glob.glob(os.path.join(llmc_dir, "tokens_" + split + "_*.bin")))
        llmc = np.concatenate([read_llmc(s) for s in shards]).astype(np.int64)
        if not (np.array_equal(megatron, nanogpt) and np.array_equal(nanogpt, llmc)):
            fail(split + ": the three exports differ")
        if np.count_nonzero(nanogpt == eot) != len(lengths):
            fail(split + ": end-of-text ids inside documents (%d eot, %d documents)"
                 % (np.count_nonzero(nanogpt == eot), len(lengths)))
        print("%s: %d documents, %d ids (%s in megatron), the same in all three; first document's first ids %s;"
              " first document %d ids" % (split, len(lengths), len(nanogpt), parts[0][2], nanogpt[:12].tolist(),
                                          lengths[0]))
    print("OK")


if __name__ == "__main__":
    main()
