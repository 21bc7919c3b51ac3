// The three cells, one hidden unit at a time: the equations of bptt.ts's rnnStep / lstmStep / gruStep and
// their backward counterparts, in WGSL. forward.wgsl and backward.wgsl call these inside their loops
// over time. Kinds and sizes are constants the program sets before this file (programs.ts):
//   KIND (RNN_TANH, RNN_RELU, LSTM, GRU), HIDDEN (H), GATES (gate blocks G), WORKGROUP (threads);
//   TRACE_H, TRACE_C, TRACE_GATES, TRACE_HN, TRACE: where the forward keeps h_t, c_t, the gates and
//   W_hn h_{t-1} + b_hn in one record per sequence and step (layout.ts).

const RNN_TANH : i32 = 0;
const RNN_RELU : i32 = 1;
const LSTM : i32 = 2;
const GRU : i32 = 3;
const GH : i32 = GATES * HIDDEN;

fn sigmoid(v : f32) -> f32 {
  return 1.0 / (1.0 + exp(-v));
}

// tanh saturates to ±1 in float32 beyond |v| = 9; clamping keeps every GPU's exp-based tanh finite.
fn tanhf(v : f32) -> f32 {
  return tanh(clamp(v, -15.0, 15.0));
}

// ----- one step forward, unit j: from a_x = W_ih x_t + b_ih and a_h = W_hh h_{t-1} + b_hh to h_t -----

// h_t = tanh(a_x + a_h), or relu.
fn rnnStep(ax : f32, ah : f32) -> f32 {
  let a = ax + ah;
  if (KIND == RNN_RELU) {
    return max(a, 0.0);
  }
  return tanhf(a);
}

struct LstmState {
  i : f32, // input gate
  f : f32, // forget gate
  g : f32, // candidate
  o : f32, // output gate
  c : f32, // c_t = f * c_{t-1} + i * g
  h : f32, // h_t = o * tanh(c_t)
}

// ax, ah: gate blocks i, f, g, o of unit j.
fn lstmStep(ax : vec4<f32>, ah : vec4<f32>, cPrev : f32) -> LstmState {
  let i = sigmoid(ax.x + ah.x);
  let f = sigmoid(ax.y + ah.y);
  let g = tanhf(ax.z + ah.z);
  let o = sigmoid(ax.w + ah.w);
  let c = f * cPrev + i * g;
  return LstmState(i, f, g, o, c, o * tanhf(c));
}

struct GruState {
  r : f32, // reset gate
  z : f32, // update gate
  n : f32, // candidate: tanh(a_x,n + r * (W_hn h_{t-1} + b_hn))
  h : f32, // h_t = (1 - z) * n + z * h_{t-1}
}

// ax, ah: gate blocks r, z, n of unit j (ah.z = W_hn h_{t-1} + b_hn, which the reset gate scales).
fn gruStep(ax : vec3<f32>, ah : vec3<f32>, hPrev : f32) -> GruState {
  let r = sigmoid(ax.x + ah.x);
  let z = sigmoid(ax.y + ah.y);
  let n = tanhf(ax.z + r * ah.z);
  return GruState(r, z, n, (1.0 - z) * n + z * hPrev);
}

// ----- one step backward, unit j: from ∂L/∂h_t (and ∂L/∂c_t) to ∂L/∂a_x and ∂L/∂a_h -----

// tanh'(a) = 1 - h_t²; relu'(a) = [h_t > 0]. a_x and a_h are added, so both get this gradient.
fn rnnStepBack(dh : f32, h : f32) -> f32 {
  if (KIND == RNN_RELU) {
    return select(0.0, dh, h > 0.0);
  }
  return dh * (1.0 - h * h);
}

struct LstmGrads {
  da : vec4<f32>, // ∂L/∂a for gate blocks i, f, g, o (the same for a_x and a_h)
  dcPrev : f32, // ∂L/∂c_{t-1} = ∂L/∂c_t · f
}

// gates: i, f, g, o after their nonlinearities; dc: ∂L/∂c_t arriving from step t+1.
fn lstmStepBack(dh : f32, dc : f32, gates : vec4<f32>, cPrev : f32, c : f32) -> LstmGrads {
  let i = gates.x;
  let f = gates.y;
  let g = gates.z;
  let o = gates.w;
  let tanhC = tanhf(c);
  let dcTotal = dc + dh * o * (1.0 - tanhC * tanhC); // c_t reaches L through h_t and through c_{t+1}
  let da = vec4<f32>(
    dcTotal * g * i * (1.0 - i), //      ∂c_t/∂i = g
    dcTotal * cPrev * f * (1.0 - f), //  ∂c_t/∂f = c_{t-1}
    dcTotal * i * (1.0 - g * g), //      ∂c_t/∂g = i
    dh * tanhC * o * (1.0 - o)); //      ∂h_t/∂o = tanh(c_t)
  return LstmGrads(da, dcTotal * f);
}

struct GruGrads {
  dax : vec3<f32>, // ∂L/∂a_x for r, z, n
  dah : vec3<f32>, // ∂L/∂a_h for r, z, n (n: scaled by r)
  dhPrev : f32, // the direct path ∂h_t/∂h_{t-1} = z; the path through W_hh is added by the caller
}

// gates: r, z, n; hn = W_hn h_{t-1} + b_hn.
fn gruStepBack(dh : f32, gates : vec3<f32>, hPrev : f32, hn : f32) -> GruGrads {
  let r = gates.x;
  let z = gates.y;
  let n = gates.z;
  let dn = dh * (1.0 - z) * (1.0 - n * n); //       through n = tanh(·), weighted by 1 - z
  let dz = dh * (hPrev - n) * z * (1.0 - z); //     ∂h_t/∂z = h_{t-1} - n
  let dr = dn * hn * r * (1.0 - r); //              ∂n_pre/∂r = W_hn h_{t-1} + b_hn
  return GruGrads(vec3<f32>(dr, dz, dn), vec3<f32>(dr, dz, dn * r), dh * z);
}
