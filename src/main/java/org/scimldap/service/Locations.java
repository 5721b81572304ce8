package org.scimldap.service;

/** Builds absolute resource URLs ({@code meta.location}, {@code Location}). */
@FunctionalInterface
public interface Locations {
  /** The URL of resource {@code id} at {@code endpoint} (e.g. {@code /Users}). */
  String of(String endpoint, String id);
}
