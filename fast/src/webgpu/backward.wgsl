// Backpropagation through time: the loop over t = T-1 .. 0 of bptt.ts's `backward`, on the GPU.
//
// As in forward.wgsl, one workgroup runs one sequence b and thread `lane` owns hidden units j = lane,
// lane + WORKGROUP, ... . Each step first turns ∂L/∂h_t (and ∂L/∂c_t) into the gate gradients of every unit
// (cells.wgsl), then hands ∂L/∂h_{t-1} = W_hhᵀ ∂L/∂a_h (+ the direct path of a GRU) back to step t-1:
// that product needs every unit's gate gradients, so the threads meet once per step. The weight, bias and
// input gradients are sums over all steps: matrix products after this dispatch (webgpu-kernel.ts).
//
// Inputs: trace [B, T+1, TRACE] (forward.wgsl), whh [G·H, H] = W_hh, dOutput [B, T, H], dhN [B, H],
// dcN [B, H] (LSTM; another kind gets any tensor, unread), uniforms.steps = T.
// Output `result` [B, T+1, BACK]: record t holds step t's ∂L/∂a_x (at DGX), ∂L/∂a_h (at DGH, GRU only: it
// differs from ∂L/∂a_x in the n block) and the total ∂L/∂h_t (at DH, for ‖∂L/∂h_t‖); record T holds
// ∂L/∂h0 and ∂L/∂c0.

var<workgroup> gateGrads : array<f32, 2 * GH>; // ∂L/∂a_h of step t in one half; the halves swap every step
var<workgroup> later : array<f32, HIDDEN>; //     ∂L/∂h_t arriving from step t+1 (from h_N at t = T-1), per unit
var<workgroup> cellGrad : array<f32, HIDDEN>; //  ∂L/∂c_t arriving from step t+1 (LSTM), per unit

fn traceAt(b : i32, s : i32) -> i32 {
  return (b * (uniforms.steps + 1) + s) * TRACE;
}

fn record(b : i32, t : i32) -> i32 {
  return (b * (uniforms.steps + 1) + t) * BACK;
}

// Step t of unit j: writes its gate gradients (to `result` and, for the product with W_hh, to `gateGrads`
// at `half`) and returns the part of ∂L/∂h_{t-1} that does not go through W_hh.
fn stepBack(b : i32, t : i32, j : i32, dh : f32, half : i32) -> f32 {
  let now = traceAt(b, t + 1);
  let before = traceAt(b, t);
  let out = record(b, t);
  if (KIND == LSTM) {
    let gates = vec4<f32>(trace[now + TRACE_GATES + j], trace[now + TRACE_GATES + HIDDEN + j],
                          trace[now + TRACE_GATES + 2 * HIDDEN + j], trace[now + TRACE_GATES + 3 * HIDDEN + j]);
    let g = lstmStepBack(dh, cellGrad[j], gates, trace[before + TRACE_C + j], trace[now + TRACE_C + j]);
    cellGrad[j] = g.dcPrev;
    for (var k = 0; k < 4; k++) {
      result[out + DGX + k * HIDDEN + j] = g.da[k];
      gateGrads[half + k * HIDDEN + j] = g.da[k];
    }
    return 0.0;
  }
  if (KIND == GRU) {
    let gates = vec3<f32>(trace[now + TRACE_GATES + j], trace[now + TRACE_GATES + HIDDEN + j], trace[now + TRACE_GATES + 2 * HIDDEN + j]);
    let g = gruStepBack(dh, gates, trace[before + TRACE_H + j], trace[now + TRACE_HN + j]);
    for (var k = 0; k < 3; k++) {
      result[out + DGX + k * HIDDEN + j] = g.dax[k];
      result[out + DGH + k * HIDDEN + j] = g.dah[k];
      gateGrads[half + k * HIDDEN + j] = g.dah[k];
    }
    return g.dhPrev;
  }
  let da = rnnStepBack(dh, trace[now + TRACE_H + j]);
  result[out + DGX + j] = da;
  gateGrads[half + j] = da;
  return 0.0;
}

// tfjs calls main with the thread's global index; the loop below needs only the workgroup and lane.
fn main(index : i32) {
  let b = i32(workgroupId.x);
  let lane = i32(localId.x);
  for (var j = lane; j < HIDDEN; j += WORKGROUP) {
    later[j] = dhN[b * HIDDEN + j];
    if (KIND == LSTM) {
      cellGrad[j] = dcN[b * HIDDEN + j];
    }
  }
  for (var t = uniforms.steps - 1; t >= 0; t--) {
    let half = (t % 2) * GH;
    for (var j = lane; j < HIDDEN; j += WORKGROUP) {
      let dh = dOutput[(b * uniforms.steps + t) * HIDDEN + j] + later[j]; // the total gradient reaching h_t
      result[record(b, t) + DH + j] = dh;
      later[j] = stepBack(b, t, j, dh, half);
    }
    workgroupBarrier();
    // ∂L/∂h_{t-1} += W_hhᵀ ∂L/∂a_h (bptt.ts's addTransposedProduct). The next step writes the other half of
    // gateGrads, and its barrier waits for every thread to have finished reading this one.
    for (var k = lane; k < HIDDEN; k += WORKGROUP) {
      var sum = later[k];
      for (var r = 0; r < GH; r++) {
        sum += whh[r * HIDDEN + k] * gateGrads[half + r];
      }
      later[k] = sum;
    }
  }
  for (var j = lane; j < HIDDEN; j += WORKGROUP) {
    result[record(b, uniforms.steps) + j] = later[j];
    if (KIND == LSTM) {
      result[record(b, uniforms.steps) + HIDDEN + j] = cellGrad[j];
    }
  }
}
