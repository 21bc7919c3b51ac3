// The forward pass over the whole sequence: the loop over t = 0 .. T-1 of bptt.ts's `forward`, on the GPU.
//
// One workgroup runs one sequence b of the batch (workgroupId.x) through every step; sequences never
// interact, so workgroups never wait for each other and the whole loop is one dispatch. Thread `lane`
// owns hidden units j = lane, lane + WORKGROUP, ...; the threads share h_{t-1} in workgroup memory and
// meet once per step. W_hh is read from global memory (cached: the same rows every step).
//
// Inputs (tfjs declares them): xproj [B, T, G·H] = x W_ihᵀ + b_ih for every step (one matrix product before
// this dispatch), whhT [H, G·H] = W_hhᵀ (so that neighbouring threads read neighbouring numbers), bhh [G·H],
// h0 [B, H], c0 [B, H] (LSTM; another kind gets any tensor, unread), uniforms.steps = T.
// Output `result` [B, T+1, TRACE]: the trace backward.wgsl needs; record 0 holds h0 (and c0), record t+1
// step t: h_t, c_t, the gates after their nonlinearity, W_hn h_{t-1} + b_hn (cells.wgsl).

var<workgroup> hidden : array<f32, 2 * HIDDEN>; // h_{t-1} in one half, h_t in the other: they swap every step
var<workgroup> cell : array<f32, HIDDEN>; //       c_{t-1}, then c_t (LSTM); unit j is only touched by its own thread

fn record(b : i32, s : i32) -> i32 {
  return (b * (uniforms.steps + 1) + s) * TRACE;
}

// a_x of gate block g, unit j: this step's input projection.
fn fromInput(b : i32, t : i32, g : i32, j : i32) -> f32 {
  return xproj[(b * uniforms.steps + t) * GH + g * HIDDEN + j];
}

// a_h of gate block g, unit j: row g·H + j of W_hh times h_{t-1}, plus b_hh (bptt.ts's `affine`).
fn fromHidden(g : i32, j : i32, previous : i32) -> f32 {
  let row = g * HIDDEN + j;
  var sum = bhh[row];
  for (var k = 0; k < HIDDEN; k++) {
    sum += whhT[k * GH + row] * hidden[previous + k];
  }
  return sum;
}

// Step t of unit j from h_{t-1} (at `previous` in `hidden`): writes record t+1 and returns h_t.
fn step(b : i32, t : i32, j : i32, previous : i32) -> f32 {
  let at = record(b, t + 1);
  if (KIND == LSTM) {
    let s = lstmStep(
      vec4<f32>(fromInput(b, t, 0, j), fromInput(b, t, 1, j), fromInput(b, t, 2, j), fromInput(b, t, 3, j)),
      vec4<f32>(fromHidden(0, j, previous), fromHidden(1, j, previous), fromHidden(2, j, previous), fromHidden(3, j, previous)),
      cell[j]);
    cell[j] = s.c;
    result[at + TRACE_C + j] = s.c;
    result[at + TRACE_GATES + j] = s.i;
    result[at + TRACE_GATES + HIDDEN + j] = s.f;
    result[at + TRACE_GATES + 2 * HIDDEN + j] = s.g;
    result[at + TRACE_GATES + 3 * HIDDEN + j] = s.o;
    return s.h;
  }
  if (KIND == GRU) {
    let ah = vec3<f32>(fromHidden(0, j, previous), fromHidden(1, j, previous), fromHidden(2, j, previous));
    let s = gruStep(vec3<f32>(fromInput(b, t, 0, j), fromInput(b, t, 1, j), fromInput(b, t, 2, j)), ah, hidden[previous + j]);
    result[at + TRACE_GATES + j] = s.r;
    result[at + TRACE_GATES + HIDDEN + j] = s.z;
    result[at + TRACE_GATES + 2 * HIDDEN + j] = s.n;
    result[at + TRACE_HN + j] = ah.z;
    return s.h;
  }
  return rnnStep(fromInput(b, t, 0, j), fromHidden(0, j, previous));
}

// tfjs calls main with the thread's global index; the loop below needs only the workgroup and lane.
fn main(index : i32) {
  let b = i32(workgroupId.x);
  let lane = i32(localId.x);
  for (var j = lane; j < HIDDEN; j += WORKGROUP) {
    hidden[j] = h0[b * HIDDEN + j];
    result[record(b, 0) + TRACE_H + j] = hidden[j];
    if (KIND == LSTM) {
      cell[j] = c0[b * HIDDEN + j];
      result[record(b, 0) + TRACE_C + j] = cell[j];
    }
  }
  workgroupBarrier();
  for (var t = 0; t < uniforms.steps; t++) {
    let previous = (t % 2) * HIDDEN;
    let next = HIDDEN - previous;
    for (var j = lane; j < HIDDEN; j += WORKGROUP) {
      let h = step(b, t, j, previous);
      hidden[next + j] = h;
      result[record(b, t + 1) + TRACE_H + j] = h;
    }
    // Every thread has read h_{t-1} and written its part of h_t: step t+1 may begin. (It writes the half
    // holding h_{t-1}, which nobody reads any more once all threads have passed this barrier.)
    workgroupBarrier();
  }
}
