/**
 * Internal, not API: the Lucene analysis that turns record and query text into the keyword leg's
 * terms. Public only for the database package; it may change in any release.
 */
package dev.mnemo.core.internal.text;
