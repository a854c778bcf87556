package dev.pretrain.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.jobs.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipeline report DIR} on outputs written before reports existed: their JSON files alone. */
class ReportCommandLineTest {

  @Test
  void rebuildsACurateReportFromAnOldReportJson(@TempDir Path dir) throws Exception {
    // A report.json as curate wrote it before details existed.
    Files.writeString(dir.resolve("report.json"), """
        {"records_in":10,"bytes_in":5000,"kept":6,"bytes_out":3000,"rejected":3,
         "rejected_by_stage":{"filter":2,"read":1},
         "rejected_by_reason":{"filter":{"gopher-quality/word-count":2},"read":{"malformed-json":1}},
         "duplicates_removed":{"exact":1,"near":0,"of_previous":0},
         "corpus_stages":{"exact":{"removed":1}},"clean_counts":{},"largest_clusters":{"d1":2},
         "largest_buckets":[],"seconds_by_phase":{"read":1.5,"write":0.5},
         "input_files":{"read":1,"skipped":0,"skipped_by_reason":{},"skipped_files":[],"broken":0,
                        "broken_files":[],"read_counts":{}}}
        """);
    CommandLineRun run = CommandLineRun.of("report", dir.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertEquals("report: " + dir.resolve("report.html"), run.out().strip().replace("file:", ""));
    Document doc = Jsoup.parse(dir.resolve("report.html").toFile());
    var funnel = doc.getElementById("funnel").select("tbody tr");
    assertEquals(List.of("records in", "read", "filter", "duplicates: exact", "duplicates: near",
        "duplicates: of_previous"), funnel.stream().map(r -> r.select("td").get(0).text()).toList());
    assertEquals("6", funnel.get(funnel.size() - 1).select("td").get(1).attr("data-value"));
    assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().endsWith(".crc")));
  }

  @Test
  void rebuildsATokenizeAndATrainReport(@TempDir Path dir) throws Exception {
    Path tokens = Files.createDirectories(dir.resolve("tokens"));
    Files.writeString(tokens.resolve("manifest.json"), """
        {"format":"pretrain-token-shards","format_version":1,"tokenizer":{"source":"tiktoken:r50k_base","sha256":"x",
         "vocab_size":50257,"special_tokens":{"<|endoftext|>":50256},"eot_id":50256},"seq_len":8,"shuffle_seed":1,
         "input_fingerprint":"f","totals":{"documents":4,"tokens":100,"rows":11,"dropped_tokens":1,"rejected_documents":0},
         "splits":{"train":{"documents":3,"rows":10,"shards":[{"path":"train/s0.parquet","rows":10,"first_seq_idx":0,
         "sha256":"a"}]},"val":{"documents":1,"rows":1,"shards":[{"path":"val/s0.parquet","rows":1,"first_seq_idx":0,
         "sha256":"b"}]}}}
        """);
    CommandLineRun tokenize = CommandLineRun.of("report", tokens.toString());
    assertEquals(ExitCode.OK, tokenize.exitCode(), tokenize.err());
    Document page = Jsoup.parse(tokens.resolve("report.html").toFile());
    assertEquals("10", page.getElementById("splits").select("tbody tr").get(0).select("td").get(2).attr("data-value"));

    Path run = Files.createDirectories(dir.resolve("run"));
    Files.writeString(run.resolve("metrics.jsonl"), "{\"step\":1,\"loss\":7.5,\"lr\":0.001}\n"
        + "{\"step\":2,\"loss\":7.1,\"lr\":0.002,\"val_loss\":7.2,\"val_perplexity\":1339.4}\n");
    CommandLineRun train = CommandLineRun.of("report", run.toString());
    assertEquals(ExitCode.OK, train.exitCode(), train.err());
    assertTrue(Files.readString(run.resolve("report.html")).contains("\"val_loss\":7.2"));
  }

  @Test
  void aDirectoryOfNoKnownOutputIsAClearError(@TempDir Path dir) {
    CommandLineRun run = CommandLineRun.of("report", dir.toString());
    assertEquals(ExitCode.USAGE, run.exitCode(), run.out());
    assertTrue(run.err().contains("holds no report.json, manifest.json or metrics.jsonl"), run.err());
  }
}
