/**
 * Loaded before every test file (vitest.config.ts, setupFiles). Tests run tensors on tfjs's plain-JavaScript
 * `cpu` backend, whose first tensor in Node prints a banner recommending tfjs-node, once per test file. The
 * course reports where its tensors run itself (useDevice), so the first tensor is made here, with tfjs's
 * own switch for its warnings (the PROD flag) on for that moment only.
 */
import * as tf from "@tensorflow/tfjs";

const prod = tf.env().getBool("PROD");
tf.env().set("PROD", true);
tf.dispose(tf.scalar(0));
tf.env().set("PROD", prod);
