package dev.pretrain.jobs.rapids;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects what the RAPIDS Accelerator logs about each plan. In explain-only mode the plugin
 * writes one WARN message per planned query through the logger of {@code GpuOverrides}.
 */
final class ExplainCapture extends AbstractAppender implements AutoCloseable {
  static final String LOGGER = "com.nvidia.spark.rapids.GpuOverrides";

  private final List<String> messages = new ArrayList<>();
  private final Logger logger;

  private ExplainCapture() {
    super("rapids-explain-capture", null, null, true, Property.EMPTY_ARRAY);
    logger = (Logger) LogManager.getLogger(LOGGER);
  }

  static ExplainCapture attach() {
    ExplainCapture capture = new ExplainCapture();
    capture.start();
    capture.logger.addAppender(capture);
    return capture;
  }

  @Override
  public void append(LogEvent event) {
    String message = event.getMessage().getFormattedMessage();
    if (message.contains("run on GPU")) {
      synchronized (messages) {
        messages.add(message);
      }
    }
  }

  List<String> messages() {
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }

  @Override
  public void close() {
    logger.removeAppender(this);
    stop();
  }
}
