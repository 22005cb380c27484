/**
 * The local sandbox: moto_server as AWS and one token-checking Kubernetes API per cluster, seeded
 * from events/sandbox.yaml, so every function runs with no AWS account and no Docker. May import the
 * functions module, testkit and the AWS SDK; never deployed.
 */
package dev.eksaccess.cli.sandbox;
