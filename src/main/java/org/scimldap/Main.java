package org.scimldap;
public final class Main { public static void main(String[] a) {} }
