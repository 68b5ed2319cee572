#pragma once
// The q leading singular triplets of an upper bidiagonal matrix B (diagonal d, superdiagonal
// e), given its singular values s (descending, e.g. from dlasq1), by inverse iteration on
// the Golub–Kahan form of B: the 2n × 2n tridiagonal with zero diagonal and off-diagonal
// (d₁, e₁, d₂, e₂, …, d_n), whose eigenvector for +s is (v₁, u₁, v₂, u₂, …, v_n, u_n)/√2.
// Each triplet costs O(n), where a divide-and-conquer solve with B (dlalsd) costs O(n²): an
// LFRE fit keeps only a few of its k triplets (about k/6 in benchmark (a)).
//
// The triplets are returned only when they are certified: every residual
// max(‖B v − s u‖, ‖Bᵀ u − s v‖) must be below 1e-10 of the smallest separation that the
// kept span depends on (the gap s_q − s_{q+1} at the cut, s_q itself, which parts +s_q from
// −s_q, and the cluster width within which vectors are orthogonalised explicitly). By the
// gap theorems the kept singular subspaces are then accurate to 1e-10 (in practice to about
// 1e-13), whatever the input; otherwise the caller takes a slower exact route.
#include <optional>

#include <Eigen/Core>

namespace le {

struct LeadingTriplets {
    Eigen::MatrixXd U, V; // n × q: left and right vectors of s[0], …, s[q − 1]
};

std::optional<LeadingTriplets> leadingBidiagonalTriplets(const Eigen::VectorXd& d, const Eigen::VectorXd& e,
                                                         const Eigen::VectorXd& s, Eigen::Index q);

} // namespace le
