package org.scimldap.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The bench's command line: {@code -n} users, {@code -c} concurrent clients, and optionally a
 * running directory and gateway instead of the ones the bench starts itself.
 *
 * @param users how many users each side creates (N)
 * @param clients concurrent clients per side (C)
 * @param ldapUrl a running OpenLDAP to use, or null to start a throwaway slapd
 * @param bindDn its administrator
 * @param bindPassword that administrator's password
 * @param baseDn its suffix, with {@code ou=people} and {@code ou=groups} below it
 * @param gatewayUrl a running gateway's SCIM base URL, or null to start one on the directory
 * @param token the bearer token for that gateway
 * @param jar the gateway jar to start
 * @param recording a file for a Java Flight Recording of the gateway it starts, or null
 * @param groupsFrom where the gateway it starts reads users' groups from: {@code memberOf} (the
 *     users' own attribute, which the throwaway slapd's memberof overlay keeps) or {@code members}
 *     (a search of the groups, the OpenLDAP preset as shipped)
 * @param listing sizes for listing at scale ({@link ListingScale}) instead of the phases; empty for
 *     the phases
 */
record Options(
    int users,
    int clients,
    String ldapUrl,
    String bindDn,
    String bindPassword,
    String baseDn,
    String gatewayUrl,
    String token,
    String jar,
    String recording,
    String groupsFrom,
    List<Integer> listing) {

  static final String USAGE =
      """
      usage: bench [-n USERS] [-c CLIENTS] [--ldap-url URL --bind-dn DN --bind-password PW \
      --base-dn DN] [--gateway-url URL --token TOKEN] [--jar PATH] [--jfr FILE] \
      [--groups-from memberOf|members] [--listing N,N,...]
        -n               users created on each side (default 5000)
        -c               concurrent clients on each side (default 8)
        --ldap-url       a running OpenLDAP (default: start a throwaway slapd)
        --gateway-url    a running gateway's SCIM base URL on that directory (default: start one)
        --jar            the gateway jar to start (default target/scim-ldap-gateway.jar)
        --jfr            record the gateway it starts with Java Flight Recorder into FILE
        --groups-from    users' groups from their memberOf (default; the directory needs the
                         memberof overlay) or from a search of the groups' members
        --listing        instead of the phases, list at these sizes (e.g. 1000,5000,20000,100000):
                         first pages and paging through every user, users added directly""";

  private static List<Integer> sizes(String list) {
    if (list == null) {
      return List.of();
    }
    List<Integer> sizes = new ArrayList<>();
    for (String s : list.split(",")) {
      int n = Integer.parseInt(s.trim());
      if (n < 1 || (!sizes.isEmpty() && n <= sizes.get(sizes.size() - 1))) {
        throw new IllegalArgumentException("--listing takes growing sizes\n" + USAGE);
      }
      sizes.add(n);
    }
    return List.copyOf(sizes);
  }

  static Options parse(String[] args) {
    Map<String, String> given = new TreeMap<>();
    for (int i = 0; i < args.length; i++) {
      if (i + 1 >= args.length || !args[i].startsWith("-")) {
        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'\n" + USAGE);
      }
      given.put(args[i], args[++i]);
    }
    Options options =
        new Options(
            Integer.parseInt(given.getOrDefault("-n", "5000")),
            Integer.parseInt(given.getOrDefault("-c", "8")),
            given.get("--ldap-url"),
            given.getOrDefault("--bind-dn", "cn=admin,dc=example,dc=com"),
            given.get("--bind-password"),
            given.getOrDefault("--base-dn", "dc=example,dc=com"),
            given.get("--gateway-url"),
            given.get("--token"),
            given.getOrDefault("--jar", "target/scim-ldap-gateway.jar"),
            given.get("--jfr"),
            given.getOrDefault("--groups-from", "memberOf"),
            sizes(given.get("--listing")));
    given
        .keySet()
        .removeAll(
            Set.of(
                "-n",
                "-c",
                "--ldap-url",
                "--bind-dn",
                "--bind-password",
                "--base-dn",
                "--gateway-url",
                "--token",
                "--jar",
                "--jfr",
                "--groups-from",
                "--listing"));
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("unknown option " + given.keySet() + "\n" + USAGE);
    }
    if (options.users < 100 || options.clients < 1) {
      throw new IllegalArgumentException("-n is at least 100 and -c at least 1\n" + USAGE);
    }
    if (!Set.of("memberOf", "members").contains(options.groupsFrom)) {
      throw new IllegalArgumentException("--groups-from is memberOf or members\n" + USAGE);
    }
    if ((options.gatewayUrl == null) != (options.token == null)) {
      throw new IllegalArgumentException("--gateway-url and --token go together\n" + USAGE);
    }
    if (options.gatewayUrl != null && options.ldapUrl == null) {
      throw new IllegalArgumentException("a running gateway needs its directory: --ldap-url");
    }
    return options;
  }
}
