package dev.pretrain.trainer.export;

import java.util.Map;

/**
 * Hugging Face GPT-2's forward pass (transformers {@code GPT2LMHeadModel}: Conv1D {@code y = x·W + b}
 * with W {@code [in, out]}, c_attn columns q | k | v with heads contiguous, gelu_new, LayerNorm eps
 * 1e-5, logits tied to wte) written plainly in doubles over named tensors, to check that an exported
 * file computes what the model computes.
 */
final class Gpt2Reference {
  private Gpt2Reference() {}

  /** Next-token probabilities [T][V] of one sequence; {@code w} maps names to row-major values. */
  static double[][] probabilities(Map<String, float[]> w, int[] ids, int vocab, int layers, int heads, int c) {
    int t = ids.length;
    double[][] x = new double[t][c];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < c; j++) {
        x[i][j] = w.get("wte.weight")[ids[i] * c + j] + w.get("wpe.weight")[i * c + j];
      }
    }
    int hs = c / heads;
    for (int l = 0; l < layers; l++) {
      String h = "h." + l + ".";
      double[][] qkv = linear(layerNorm(x, w, h + "ln_1"), w, h + "attn.c_attn", 3 * c);
      double[][] y = new double[t][c];
      for (int head = 0; head < heads; head++) {
        for (int i = 0; i < t; i++) {
          double[] att = new double[i + 1];
          double max = Double.NEGATIVE_INFINITY;
          for (int k = 0; k <= i; k++) {
            double dot = 0;
            for (int d = 0; d < hs; d++) {
              dot += qkv[i][head * hs + d] * qkv[k][c + head * hs + d];
            }
            att[k] = dot / Math.sqrt(hs);
            max = Math.max(max, att[k]);
          }
          double sum = 0;
          for (int k = 0; k <= i; k++) {
            att[k] = Math.exp(att[k] - max);
            sum += att[k];
          }
          for (int k = 0; k <= i; k++) {
            for (int d = 0; d < hs; d++) {
              y[i][head * hs + d] += att[k] / sum * qkv[k][2 * c + head * hs + d];
            }
          }
        }
      }
      add(x, linear(y, w, h + "attn.c_proj", c));
      double[][] up = linear(layerNorm(x, w, h + "ln_2"), w, h + "mlp.c_fc", 4 * c);
      for (double[] row : up) {
        for (int j = 0; j < row.length; j++) {
          double u = row[j];
          row[j] = 0.5 * u * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (u + 0.044715 * u * u * u)));
        }
      }
      add(x, linear(up, w, h + "mlp.c_proj", c));
    }
    double[][] out = layerNorm(x, w, "ln_f");
    double[][] p = new double[t][vocab];
    for (int i = 0; i < t; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int v = 0; v < vocab; v++) {
        double dot = 0;
        for (int j = 0; j < c; j++) {
          dot += out[i][j] * w.get("wte.weight")[v * c + j];
        }
        p[i][v] = dot;
        max = Math.max(max, dot);
      }
      double sum = 0;
      for (int v = 0; v < vocab; v++) {
        p[i][v] = Math.exp(p[i][v] - max);
        sum += p[i][v];
      }
      for (int v = 0; v < vocab; v++) {
        p[i][v] /= sum;
      }
    }
    return p;
  }

  private static double[][] linear(double[][] x, Map<String, float[]> w, String name, int out) {
    float[] weight = w.get(name + ".weight");
    float[] bias = w.get(name + ".bias");
    int in = x[0].length;
    double[][] y = new double[x.length][out];
    for (int i = 0; i < x.length; i++) {
      for (int o = 0; o < out; o++) {
        double s = bias == null ? 0 : bias[o];
        for (int k = 0; k < in; k++) {
          s += x[i][k] * weight[k * out + o];
        }
        y[i][o] = s;
      }
    }
    return y;
  }

  private static double[][] layerNorm(double[][] x, Map<String, float[]> w, String name) {
    float[] gain = w.get(name + ".weight");
    float[] bias = w.get(name + ".bias");
    double[][] y = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      int c = x[i].length;
      double mean = 0;
      for (double v : x[i]) {
        mean += v / c;
      }
      double var = 0;
      for (double v : x[i]) {
        var += (v - mean) * (v - mean) / c;
      }
      y[i] = new double[c];
      for (int j = 0; j < c; j++) {
        y[i][j] = (x[i][j] - mean) / Math.sqrt(var + 1e-5) * gain[j] + (bias == null ? 0 : bias[j]);
      }
    }
    return y;
  }

  private static void add(double[][] x, double[][] delta) {
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        x[i][j] += delta[i][j];
      }
    }
  }
}
