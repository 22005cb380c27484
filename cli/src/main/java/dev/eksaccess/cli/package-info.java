/**
 * The {@code eks-access} command line: picocli commands that parse flags, call one core service from
 * the functions module and render its result. No access decisions here.
 */
package dev.eksaccess.cli;
