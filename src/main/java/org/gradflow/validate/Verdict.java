package org.gradflow.validate;

/** PASS and FAIL decide the exit code; REPORT lines inform and never fail a suite. */
public enum Verdict { PASS, FAIL, REPORT }
