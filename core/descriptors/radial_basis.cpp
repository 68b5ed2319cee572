#include "core/descriptors/radial_basis.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>

#include "core/util/error.h"

namespace le {

namespace {

// e^{-x} i_l(x) by its power series: x^l / (2l+1)!! · Σ_k (x²/2)^k / (k! (2l+3)…(2l+2k+1)).
// All terms are positive, so it is accurate wherever e^x does not overflow.
double besselSeries(int l, double x) {
    double lead = 1.0; // x^l / (2l+1)!!
    for (int k = 1; k <= l; ++k) lead *= x / double(2 * k + 1);
    double term = 1.0, sum = 1.0;
    for (int k = 1; k < 500; ++k) {
        term *= 0.5 * x * x / (double(k) * double(2 * l + 2 * k + 1));
        sum += term;
        if (term < 1e-17 * sum) break;
    }
    return std::exp(-x) * lead * sum;
}

} // namespace

void scaledSphericalBesselI(int lMax, double x, double* out) {
    if (x < 1.0 || (x <= 50.0 && lMax < 2)) {
        for (int l = 0; l <= lMax; ++l) out[l] = besselSeries(l, x);
    } else if (x <= 50.0) {
        // Series for the two highest orders, then the downward recurrence
        // i_{l-1} = i_{l+1} + (2l+1)/x i_l, which is stable.
        out[lMax] = besselSeries(lMax, x);
        out[lMax - 1] = besselSeries(lMax - 1, x);
        for (int l = lMax - 1; l >= 1; --l) out[l - 1] = out[l + 1] + double(2 * l + 1) / x * out[l];
    } else {
        // Closed forms for l = 0, 1 and the upward recurrence i_{l+1} = i_{l-1} - (2l+1)/x i_l,
        // accurate here because l ≪ x.
        const double e2 = std::exp(-2.0 * x);
        out[0] = (1.0 - e2) / (2.0 * x);
        if (lMax >= 1) out[1] = (1.0 + e2) / (2.0 * x) - (1.0 - e2) / (2.0 * x * x);
        for (int l = 1; l < lMax; ++l) out[l + 1] = out[l - 1] - double(2 * l + 1) / x * out[l];
    }
}

namespace {

Eigen::VectorXd primitives(int nMax, double rCut, double r) {
    Eigen::VectorXd g(nMax);
    for (int n = 0; n < nMax; ++n) {
        const double s = rCut * std::max(std::sqrt(double(n)), 1.0) / nMax;
        g[n] = std::pow(r, n) * std::exp(-0.5 * r * r / (s * s));
    }
    return g;
}

} // namespace

GtoRadialBasis::GtoRadialBasis(int nMax, int lMax, double rCut, double sigma)
    : nMax_(nMax), lMax_(lMax), rCut_(rCut), sigma_(sigma) {
    if (nMax < 1 || nMax > 20) throw ComputeError("SOAP n_max must be between 1 and 20");
    if (lMax < 0 || lMax > 20) throw ComputeError("SOAP l_max must be between 0 and 20");
    if (!(rCut > 0) || rCut > 50) throw ComputeError("SOAP r_cut must be in (0, 50] Å");
    if (!(sigma > 0.01) || sigma > rCut) throw ComputeError("SOAP sigma must be in (0.01, r_cut] Å");
    // The quadrature grid and the table scale with r_cut/σ; beyond 100 building them gets slow.
    if (rCut / sigma > 100) throw ComputeError("SOAP r_cut/sigma must be at most 100");

    // Simpson grid fine enough for the narrowest feature (the density Gaussian, width σ).
    int intervals = std::max(1000, int(std::ceil(40.0 * rCut / sigma)));
    intervals += intervals % 2;
    const double h = rCut / intervals;
    nodes_.resize(intervals + 1);
    weights_.resize(intervals + 1);
    Eigen::MatrixXd prim(intervals + 1, nMax);
    for (int k = 0; k <= intervals; ++k) {
        const double r = k * h;
        nodes_[k] = r;
        const double simpson = (k == 0 || k == intervals) ? 1.0 : (k % 2 ? 4.0 : 2.0);
        weights_[k] = simpson * h / 3.0 * r * r;
        prim.row(k) = primitives(nMax, rCut, r).transpose();
    }
    // Löwdin orthonormalisation: W = S^{-1/2}, S_ab = ∫ g_a g_b r² dr.
    const Eigen::MatrixXd overlap = prim.transpose() * weights_.asDiagonal() * prim;
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(overlap);
    if (eig.eigenvalues().minCoeff() <= 1e-14 * eig.eigenvalues().maxCoeff())
        throw ComputeError("SOAP radial basis is numerically singular; lower n_max");
    orthonormaliser_ = eig.eigenvectors() * eig.eigenvalues().cwiseInverse().cwiseSqrt().asDiagonal() *
                       eig.eigenvectors().transpose();
    basisAtNodes_ = prim * orthonormaliser_.transpose();

    // Table of I_nl(d): spacing σ/50 keeps cubic interpolation error ~(1/50)^4 relative.
    const int points = std::max(64, int(std::ceil(50.0 * rCut / sigma)));
    step_ = rCut / points;
    // Row k holds d = (k - 1) · step: one extra row on each side for the cubic stencil. Row 0
    // (d = -step) uses the parity I_nl(-d) = (-1)^l I_nl(d) so the first interval is smooth.
    table_.resize(points + 4, nMax * (lMax + 1));
    for (int k = 1; k < table_.rows(); ++k) radialIntegralsExact((k - 1) * step_, table_.row(k).data());
    for (int n = 0; n < nMax; ++n)
        for (int l = 0; l <= lMax; ++l)
            table_(0, n * (lMax + 1) + l) = (l % 2 ? -1.0 : 1.0) * table_(2, n * (lMax + 1) + l);
}

Eigen::VectorXd GtoRadialBasis::basis(double r) const {
    return orthonormaliser_ * primitives(nMax_, rCut_, r);
}

void GtoRadialBasis::radialIntegralsExact(double d, double* out) const {
    const int L = lMax_ + 1;
    std::fill(out, out + nMax_ * L, 0.0);
    std::vector<double> bessel(static_cast<std::size_t>(L));
    const double inv2s2 = 0.5 / (sigma_ * sigma_);
    for (Eigen::Index k = 0; k < nodes_.size(); ++k) {
        const double r = nodes_[k];
        const double exponent = (r - d) * (r - d) * inv2s2;
        if (exponent > 45.0) continue; // e^-45 ≈ 3e-20: below double rounding of the sum
        const double gauss = std::exp(-exponent);
        scaledSphericalBesselI(lMax_, r * d / (sigma_ * sigma_), bessel.data());
        for (int n = 0; n < nMax_; ++n) {
            const double w = weights_[k] * gauss * basisAtNodes_(k, n);
            for (int l = 0; l < L; ++l) out[n * L + l] += w * bessel[std::size_t(l)];
        }
    }
}

void GtoRadialBasis::radialIntegrals(double d, double* out) const {
    // Row k of the table holds d = (k - 1) · step.
    const double t = std::clamp(d / step_, 0.0, double(table_.rows() - 4));
    int k = std::min(int(t), int(table_.rows()) - 4);
    const double f = t - k; // in [0, 1) between rows k+1 and k+2
    // Cubic Lagrange weights for stencil rows k, k+1, k+2, k+3 at offsets -1, 0, 1, 2.
    const double w0 = -f * (f - 1) * (f - 2) / 6.0;
    const double w1 = (f + 1) * (f - 1) * (f - 2) / 2.0;
    const double w2 = -(f + 1) * f * (f - 2) / 2.0;
    const double w3 = (f + 1) * f * (f - 1) / 6.0;
    const Eigen::Index cols = table_.cols();
    const double* r0 = table_.row(k).data();
    const double* r1 = r0 + cols;
    const double* r2 = r1 + cols;
    const double* r3 = r2 + cols;
    for (Eigen::Index c = 0; c < cols; ++c) out[c] = w0 * r0[c] + w1 * r1[c] + w2 * r2[c] + w3 * r3[c];
}

} // namespace le
