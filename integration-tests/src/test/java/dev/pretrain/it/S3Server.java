package dev.pretrain.it;

import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API on localhost for one test class: S3Proxy in this JVM over jclouds' in-memory
 * ("transient") blob store, checking AWS V2/V4 signatures against a dummy key pair, on a port the
 * system picks.
 */
final class S3Server implements AutoCloseable {
  /** Dummy credentials: the same values are given to the SDK's provider chain by the test's pom. */
  static final String ACCESS_KEY = "pipeline-it-access";
  static final String SECRET_KEY = "pipeline-it-secret";

  private final BlobStoreContext context;
  private final S3Proxy proxy;

  private S3Server(BlobStoreContext context, S3Proxy proxy) {
    this.context = context;
    this.proxy = proxy;
  }

  static S3Server start(String... buckets) throws Exception {
    BlobStoreContext context = ContextBuilder.newBuilder("transient")
        .credentials("unused", "unused")
        .build(BlobStoreContext.class);
    BlobStore store = context.getBlobStore();
    for (String bucket : buckets) {
      store.createContainerInLocation(null, bucket);
    }
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(store)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        proxy.stop();
        context.close();
        throw new IllegalStateException("S3Proxy did not start within 10 s (state " + proxy.getState() + ")");
      }
      Thread.sleep(10);
    }
    return new S3Server(context, proxy);
  }

  String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  @Override
  public void close() throws Exception {
    try {
      proxy.stop();
    } finally {
      context.close();
    }
  }
}
