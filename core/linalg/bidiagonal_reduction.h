#pragma once
// A = Q B Pᵀ for an m × n block with m ≥ n, in LAPACK dgebrd's output format (B's diagonal
// and super-diagonal in d and e, the reflectors of Q and P in A and tauQ, tauP), so that
// dormbr, dbdsdc and dlasq1 take it as they take dgebrd's.
//
// dgebrd reduces its last 128 columns (all of them when n ≤ 128) one by one with
// matrix–vector updates. The local fits reduce 64–256 columns thousands of times; here
// panels of 16 columns (dlabrd, then the trailing update as two matrix products) run down
// to the last 16: half the time of dgebrd at n = 128, a fifth less at n = 256 (measured
// with OpenBLAS on this project's benchmark machine).
#include <Eigen/Core>

namespace le {

// `a` points to the block, `lda` ≥ m its leading dimension. ComputeError if m < n.
void bidiagonalReduction(int m, int n, double* a, int lda, double* d, double* e, double* tauQ, double* tauP);

// The leading dimension to store a block of `rows` rows with before reducing it: a multiple
// of 64 doubles (k = 128 or 256 rows) puts every column on the same cache sets, and the
// reduction's matrix–vector products then miss all the time; 8 spare rows avoid that.
inline int paddedLeadingDimension(int rows) { return rows % 64 == 0 ? rows + 8 : rows; }

} // namespace le
