package org.scimldap.testsupport;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.ReadOnlySearchRequest;
import com.unboundid.ldap.sdk.SearchRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes an UnboundID in-memory directory hand out the values of large attributes the way a Windows
 * domain controller does (MS-ADTS 3.1.1.3.1.3.3, "Range Retrieval of Attribute Values", with the
 * MaxValRange policy at {@link #WINDOWS_LIMIT} by default):
 *
 * <ul>
 *   <li>an attribute with more values than the limit comes back as its first slice only, {@code
 *       member;range=0-1499}, and the plain {@code member} is not there;
 *   <li>a request for {@code member;range=a-b} or {@code member;range=a-*} gets the values from
 *       index {@code a} to {@code b} (or to the end), at most the limit of them, named by the slice
 *       returned: {@code member;range=a-c}, or {@code member;range=a-*} when it holds the last
 *       value;
 *   <li>a request for a slice past the last value (or one that ends before it starts) gets no such
 *       attribute.
 * </ul>
 *
 * Values keep the order in which the in-memory server holds them, which stays the same from one
 * request to the next while nobody writes. The root DSE, which a domain controller builds rather
 * than stores, comes whole, so a client learns the server's controls whatever the limit.
 */
public final class WindowsRangedValues extends InMemoryOperationInterceptor {
  /** Windows' MaxValRange default. */
  public static final int WINDOWS_LIMIT = 1500;

  private static final String ASKED = WindowsRangedValues.class.getName() + ".asked";
  private static final Pattern RANGE =
      Pattern.compile("range=(\\d{1,9})-(\\d{1,9}|\\*)", Pattern.CASE_INSENSITIVE);

  private final int limit;

  /** Slices of {@link #WINDOWS_LIMIT} values, as Windows hands them out. */
  public WindowsRangedValues() {
    this(WINDOWS_LIMIT);
  }

  /** Slices of at most {@code limit} values. */
  public WindowsRangedValues(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    this.limit = limit;
  }

  /** The slice a request asks for: from index {@code low} to {@code high}, both included. */
  private record Asked(int low, int high) {}

  /**
   * Takes the range options off the requested attributes (the in-memory server knows none), and
   * remembers them for the entries of this search.
   */
  @Override
  public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
    ReadOnlySearchRequest search = request.getRequest();
    Map<String, Asked> asked = new HashMap<>();
    List<String> plain = new ArrayList<>();
    for (String attribute : search.getAttributeList()) {
      List<String> parts = new ArrayList<>(Arrays.asList(attribute.split(";")));
      Asked range = null;
      for (int i = parts.size() - 1; i > 0; i--) {
        Matcher m = RANGE.matcher(parts.get(i));
        if (m.matches()) {
          int high = m.group(2).equals("*") ? Integer.MAX_VALUE : Integer.parseInt(m.group(2));
          range = new Asked(Integer.parseInt(m.group(1)), high);
          parts.remove(i);
        }
      }
      String name = String.join(";", parts);
      plain.add(name);
      if (range != null) {
        asked.put(name.toLowerCase(Locale.ROOT), range);
      }
    }
    request.setProperty(ASKED, asked);
    if (!asked.isEmpty()) {
      SearchRequest changed = search.duplicate();
      changed.setAttributes(plain);
      request.setRequest(changed);
    }
  }

  /** Cuts each attribute of an entry to the slice asked for, or to the first when it is large. */
  @Override
  public void processSearchEntry(InMemoryInterceptedSearchEntry result) {
    @SuppressWarnings("unchecked")
    Map<String, Asked> asked = (Map<String, Asked>) result.getProperty(ASKED);
    Entry entry = result.getSearchEntry();
    if (entry.getDN().isEmpty()) {
      return;
    }
    List<Attribute> attributes = new ArrayList<>();
    boolean cut = false;
    for (Attribute attribute : entry.getAttributes()) {
      Asked range = asked == null ? null : asked.get(attribute.getName().toLowerCase(Locale.ROOT));
      if (range == null && attribute.size() <= limit) {
        attributes.add(attribute);
        continue;
      }
      cut = true;
      Asked slice = range == null ? new Asked(0, Integer.MAX_VALUE) : range;
      if (slice.low() < attribute.size() && slice.low() <= slice.high()) {
        attributes.add(slice(attribute, slice));
      }
    }
    if (cut) {
      result.setSearchEntry(new Entry(entry.getDN(), attributes));
    }
  }

  /** The values from {@code asked.low()}, at most {@link #limit}, named as Windows names them. */
  private Attribute slice(Attribute attribute, Asked asked) {
    byte[][] values = attribute.getValueByteArrays();
    int last = values.length - 1;
    int high = (int) Math.min(Math.min(asked.high(), (long) asked.low() + limit - 1), last);
    String end = high == last ? "*" : Integer.toString(high);
    return new Attribute(
        attribute.getName() + ";range=" + asked.low() + "-" + end,
        Arrays.copyOfRange(values, asked.low(), high + 1));
  }
}
