package dev.pretrain.dedup.minhash;

import dev.pretrain.common.config.PresetKeys;
import dev.pretrain.common.config.SettingsReader;
import java.io.Serializable;
import java.util.List;

/**
 * The {@code curate.minhash} section: LSH banding and shingle size. The number of permutations
 * is bands × rows. With b bands of r rows, a pair of Jaccard similarity s shares at least one band
 * key with probability 1 - (1 - s^r)^b; the curve's midpoint is near (1/b)^(1/r).
 *
 * @param shingleWords words per shingle (5)
 * @param bands LSH bands (14, FineWeb's setting)
 * @param rows signature rows per band (8)
 * @param seed seed of the permutation parameters; change it and every signature changes
 * @param implementation which code computes the band keys; the two give different keys
 */
public record MinHashSettings(int shingleWords, int bands, int rows, long seed, Implementation implementation) implements Serializable {

  /**
   * {@code jvm}: {@link MinHasher} inside the per-document JVM step (fastest on CPU).
   * {@code sql}: {@link SqlMinHash}, Spark SQL built-ins that the RAPIDS Accelerator can run on a
   * GPU. Band keys of one implementation never match the other's: an index records which one
   * wrote it ({@code dedup/index.json}).
   */
  public enum Implementation { JVM, SQL }

  public MinHashSettings(int shingleWords, int bands, int rows, long seed) {
    this(shingleWords, bands, rows, seed, Implementation.JVM);
  }

  /** Bands and rows presets; {@code custom} takes {@code bands} and {@code rows} from the config. */
  public enum Preset {
    /** 14 × 8 = 112 permutations, midpoint ≈ 0.72: FineWeb (Penedo et al. 2024, section 3.4). */
    FINEWEB_14X8(14, 8),
    /** 20 × 13 = 260 permutations, midpoint ≈ 0.79: fewer merges of merely similar pages. */
    STRICT_20X13(20, 13),
    CUSTOM(0, 0);

    final int bands;
    final int rows;

    Preset(int bands, int rows) {
      this.bands = bands;
      this.rows = rows;
    }
  }

  public static final long DEFAULT_SEED = 0x5EED_0F_D1CEL;

  public MinHashSettings {
    java.util.Objects.requireNonNull(implementation, "implementation");
    if (shingleWords < 1 || bands < 1 || rows < 1) {
      throw new IllegalArgumentException(
          "shingle words, bands and rows must be positive, got " + shingleWords + ", " + bands + ", " + rows);
    }
  }

  public int permutations() {
    return bands * rows;
  }

  /** A named preset decides bands and rows: setting either away from its default under one is an error. */
  static final PresetKeys PRESET = new PresetKeys("curate.minhash.preset", "custom",
      List.of("curate.minhash.bands", "curate.minhash.rows"));

  public static MinHashSettings read(SettingsReader r) {
    String p = "curate.minhash.";
    PRESET.check(r);
    Preset preset = r.oneOf(p + "preset", Preset.class);
    int bands = r.intIn(p + "bands", 1, 1024);
    int rows = r.intIn(p + "rows", 1, 1024);
    int shingle = r.intIn(p + "shingle-words", 1, 64);
    long seed = r.longIn(p + "seed", Long.MIN_VALUE, Long.MAX_VALUE);
    Implementation implementation = r.oneOf(p + "implementation", Implementation.class);
    r.check(bands * rows <= 4096, p + "rows", "give at most 4096 permutations (bands × rows)");
    if (preset != Preset.CUSTOM) {
      bands = preset.bands;
      rows = preset.rows;
    }
    return new MinHashSettings(shingle, bands, rows, seed, implementation);
  }
}
