package org.scimldap.discovery;

/**
 * What the gateway supports and how far, as advertised in {@code /ServiceProviderConfig} (RFC 7643
 * §5).
 *
 * @param maxResults the most resources one list or search response returns ({@code
 *     filter.maxResults})
 * @param maxBodyBytes the largest request body accepted; advertised as {@code bulk.maxPayloadSize}
 *     when bulk is supported
 * @param sortSupported whether {@code sortBy} is honoured (RFC 7644 §3.4.2.3)
 * @param etagSupported whether resources carry {@code meta.version} and ETags (RFC 7644 §3.14)
 * @param bulkSupported whether the {@code /Bulk} endpoint exists (RFC 7644 §3.7)
 * @param changePasswordSupported whether {@code password} can be changed (RFC 7644 §3.5.2)
 * @param httpBasic whether some client signs in with HTTP Basic, besides bearer tokens
 */
public record ServiceLimits(
    int maxResults,
    long maxBodyBytes,
    boolean sortSupported,
    boolean etagSupported,
    boolean bulkSupported,
    boolean changePasswordSupported,
    boolean httpBasic) {

  public ServiceLimits {
    if (maxResults < 1) {
      throw new IllegalArgumentException("maxResults must be at least 1, got " + maxResults);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1, got " + maxBodyBytes);
    }
  }
}
