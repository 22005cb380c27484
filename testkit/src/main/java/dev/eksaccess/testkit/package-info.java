/**
 * Local stand-ins for AWS and EKS, shared by the tests and the {@code eks-access} sandbox: a moto_server
 * launcher, a Kubernetes API (fabric8 CRUD mock) that authenticates EKS tokens, an independent
 * token verifier, and the EKS access-entry API moto lacks. Never deployed; must not import the functions module.
 */
package dev.eksaccess.testkit;
