/**
 * Third-party evaluation (第三方评议, the Mianyang practice): a pool of evaluators from outside the offices evaluated,
 * a monthly reproducible random draw of each office's completed supervision items and of a panel of three evaluators
 * per item, and the panels' scores on legality, timeliness, attitude and result.
 */
package org.lianxin.evaluation;
