package org.gradflow.models.markov;

/** The predicted end of a 2-D trajectory: basin, limit point and limit loss (spec §3.5–3.6). */
public record LimitPrediction(Basin basin, double e, double w, double loss, double energy) {}
