#pragma once
// The radial part of SOAP: an orthonormal GTO basis on [0, r_cut] and the radial integrals
// of a Gaussian atom density projected on it, tabulated once and interpolated.
//
// A Gaussian of width σ centred at distance d from the centre, projected on R_n(r) Y_lm(r̂),
// has an analytic angular part (the plane-wave-like expansion of exp(r·d/σ²)):
//   ∫ R_n(r) Y_lm(r̂) exp(-|r - d|²/2σ²) d³r = 4π Y_lm(d̂) I_nl(d),
//   I_nl(d) = ∫_0^r_cut R_n(r) r² exp(-(r - d)²/2σ²) ê_l(r d/σ²) dr,
// with ê_l(x) = e^{-x} i_l(x) the scaled modified spherical Bessel function. The remaining
// 1-D integral is done by composite Simpson quadrature.
#include <Eigen/Core>

#include <vector>

namespace le {

// ê_l(x) = e^{-x} i_l(x) for l = 0..lMax, x ≥ 0 (series for small x, recurrence above).
void scaledSphericalBesselI(int lMax, double x, double* out);

class GtoRadialBasis {
public:
    // Primitive GTOs g_n(r) = r^n exp(-r²/2σ_n²), σ_n = r_cut · max(√n, 1) / n_max (n < n_max),
    // made orthonormal on [0, r_cut] with weight r² by Löwdin (symmetric) orthogonalisation.
    // Throws ComputeError for invalid parameters.
    GtoRadialBasis(int nMax, int lMax, double rCut, double sigma);

    int nMax() const { return nMax_; }
    int lMax() const { return lMax_; }
    double rCut() const { return rCut_; }
    double sigma() const { return sigma_; }

    // R_n(r) for n = 0..nMax-1 (orthonormal basis functions).
    Eigen::VectorXd basis(double r) const;
    // I_nl(d) into out[n * (lMax + 1) + l], d in [0, r_cut], by cubic interpolation of the
    // table (relative error ≲ 1e-8).
    void radialIntegrals(double d, double* out) const;
    // The same integral by direct quadrature (no table): for tests and table building.
    void radialIntegralsExact(double d, double* out) const;

private:
    int nMax_, lMax_;
    double rCut_, sigma_;
    Eigen::MatrixXd orthonormaliser_; // R = W g
    // Quadrature grid over [0, r_cut]: nodes, Simpson weights × r², basis values per node.
    Eigen::VectorXd nodes_, weights_;
    Eigen::MatrixXd basisAtNodes_; // nodes × nMax
    // Table of I_nl on an even grid of d: row k holds d = k · step.
    double step_ = 0;
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> table_;
};

} // namespace le
