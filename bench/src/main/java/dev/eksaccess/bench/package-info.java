/**
 * The performance figures of issue #8 ({@code bench/run}): a harness that times processes, counts calls
 * at local AWS and Kubernetes servers, runs JMH, and prints one table. Not deployed; may import anything.
 */
package dev.eksaccess.bench;
