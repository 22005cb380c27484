/**
 * Lambda entry points, one thin class per function: JSON in, one core call, JSON out. May import
 * access/, eks/ and sso/; holds no access decisions.
 */
package dev.eksaccess.handler;
