package org.lianxin.supervision;

/** How a 督办单 is carried out: 文书, 约谈, 实地, 联合. */
public enum OrderMode { DOCUMENT, TALK, ON_SITE, JOINT }
