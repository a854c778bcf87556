"""Weekly corpus refresh on EMR and on Dataproc: `pipeline refresh` (main class
dev.pretrain.jobs.Pipeline) as an EMR step and as a Dataproc Spark job.

Copy to the Airflow DAGs folder. Needs apache-airflow-providers-amazon and
apache-airflow-providers-google, and these Airflow Variables:
  pretrain_bucket_s3, pretrain_emr_cluster_id        (EMR DAG)
  pretrain_bucket_gcs, pretrain_dataproc_cluster,
  pretrain_gcp_project, pretrain_gcp_region          (Dataproc DAG)
The cluster jar and the platform's config (conf/emr.conf, conf/dataproc.conf) are uploaded
under jars/ and conf/ of the bucket, and for Dataproc a JDK 17 as jdk/jdk-17.tar.gz (README,
"Java 17 on Dataproc"). Each run adds the snapshot under crawl/{{ ds }}/; a
snapshot already in the corpus is a no-op, so a rerun of a day is safe. One run at a time:
refreshes of one corpus must not overlap.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.amazon.aws.operators.emr import EmrAddStepsOperator
from airflow.providers.amazon.aws.sensors.emr import EmrStepSensor
from airflow.providers.google.cloud.operators.dataproc import DataprocSubmitJobOperator

MAIN_CLASS = "dev.pretrain.jobs.Pipeline"
JAR = "jars/jobs-0.1.0-SNAPSHOT-cluster.jar"
SNAPSHOT = "crawl/{{ ds }}/"
# Dataproc 2.2 images run Java 11 and the jar is built for 17: the job runs on a JDK 17 that
# YARN unpacks from this archive (as jobs/submit/dataproc.sh --jdk-archive does; Spark's
# "Running on YARN", "Configuring different JDKs for Spark Applications"), with the driver in
# the ApplicationMaster (cluster deploy mode) so that it runs on that JDK too.
JDK_ARCHIVE = "jdk/jdk-17.tar.gz"
DATAPROC_JAVA_17 = {
    "spark.submit.deployMode": "cluster",
    "spark.yarn.appMasterEnv.JAVA_HOME": "./jdk-17.tar.gz/jdk-17",
    "spark.executorEnv.JAVA_HOME": "./jdk-17.tar.gz/jdk-17",
}


def refresh_args(root: str, conf: str) -> list:
    """The pipeline command line: add the day's snapshot under root to the corpus under root."""
    return ["refresh", "--corpus", root + "/corpus", "--input", root + "/" + SNAPSHOT, "--conf", conf]


DEFAULTS = {
    "owner": "pretrain",
    "retries": 1,
    "retry_delay": timedelta(minutes=30),
}

with DAG(
    dag_id="pretrain_refresh_emr",
    description="pipeline refresh as an EMR step (spark-submit through command-runner.jar)",
    schedule="0 3 * * 1",
    start_date=datetime(2026, 1, 5),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULTS,
) as emr_dag:
    bucket = "s3://{{ var.value.pretrain_bucket_s3 }}"
    add_step = EmrAddStepsOperator(
        task_id="add_refresh_step",
        job_flow_id="{{ var.value.pretrain_emr_cluster_id }}",
        steps=[{
            "Name": "pipeline refresh {{ ds }}",
            "ActionOnFailure": "CONTINUE",
            "HadoopJarStep": {
                "Jar": "command-runner.jar",
                # As jobs/submit/emr-step.sh builds it: the config is localised by --files.
                "Args": ["spark-submit", "--deploy-mode", "cluster", "--class", MAIN_CLASS,
                         "--files", bucket + "/conf/emr.conf", bucket + "/" + JAR]
                        + refresh_args(bucket, "emr.conf"),
            },
        }],
    )
    wait = EmrStepSensor(
        task_id="wait_for_refresh",
        job_flow_id="{{ var.value.pretrain_emr_cluster_id }}",
        step_id="{{ task_instance.xcom_pull(task_ids='add_refresh_step')[0] }}",
        poke_interval=120,
        timeout=12 * 3600,
    )
    add_step >> wait

with DAG(
    dag_id="pretrain_refresh_dataproc",
    description="pipeline refresh as a Dataproc Spark job",
    schedule="0 3 * * 1",
    start_date=datetime(2026, 1, 5),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULTS,
) as dataproc_dag:
    bucket = "gs://{{ var.value.pretrain_bucket_gcs }}"
    DataprocSubmitJobOperator(
        task_id="refresh",
        project_id="{{ var.value.pretrain_gcp_project }}",
        region="{{ var.value.pretrain_gcp_region }}",
        job={
            "placement": {"cluster_name": "{{ var.value.pretrain_dataproc_cluster }}"},
            "spark_job": {
                "main_class": MAIN_CLASS,
                "jar_file_uris": [bucket + "/" + JAR],
                # Placed in the driver's working directory, where --conf dataproc.conf finds it.
                "file_uris": [bucket + "/conf/dataproc.conf"],
                "archive_uris": [bucket + "/" + JDK_ARCHIVE],
                "properties": DATAPROC_JAVA_17,
                "args": refresh_args(bucket, "dataproc.conf"),
            },
        },
    )
