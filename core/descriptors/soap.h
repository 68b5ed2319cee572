#pragma once
// SOAP power spectrum (Bartók, Kondor, Csányi 2013), one vector per atom.
//
// Each neighbour j of species a within r_cut contributes a Gaussian of width σ, weighted by a
// smooth cutoff f_c(r_ij), to the density ρ_a around the centre; the centre itself is not
// included. Its expansion on R_n(r) Y_lm(r̂) (GtoRadialBasis, real spherical harmonics) gives
// c^a_nlm = 4π Σ_j f_c(r_ij) I_nl(r_ij) Y_lm(r̂_ij), and the rotation invariants are
//   p^{ab}_{n n' l} = Σ_m c^a_nlm c^b_n'lm      for species a ≤ b
// (for a = b only n ≤ n', the n < n' terms scaled by √2 so Euclidean distances equal those of
// the full symmetric array). Optionally each vector is scaled to unit length.
#include <vector>

#include "core/dataset/feature_set.h"
#include "core/dataset/frame.h"
#include "core/descriptors/neighbour_list.h"
#include "core/descriptors/radial_basis.h"
#include "core/util/task_context.h"

namespace le {

struct SoapOptions {
    int nMax = 8;
    int lMax = 6;
    double rCut = 5.0;        // Å
    double sigma = 0.3;       // Gaussian width of the atom densities, Å
    double cutoffWidth = 0.5; // f_c falls from 1 to 0 over [r_cut - width, r_cut], Å
    bool normalize = true;    // unit-length vectors
    std::vector<int> species; // neighbour species channels; empty = all species of the input
};

// Smooth cutoff: 1 below r_cut - width, ½(1 + cos(π (r - r_cut + width)/width)) up to r_cut,
// 0 beyond. Continuous with a continuous first derivative at both ends.
double smoothCutoff(double r, double rCut, double width);

class SoapCalculator {
public:
    // `species` are the neighbour channels (sorted, distinct). Throws ComputeError on bad options.
    SoapCalculator(const SoapOptions& options, std::vector<int> species);

    Eigen::Index featureCount() const;
    const std::vector<int>& species() const { return species_; }
    const SoapOptions& options() const { return options_; }
    const GtoRadialBasis& radialBasis() const { return basis_; }

    // Density coefficients c[(a * n_max + n) * (l_max+1)² + harmonicIndex(l, m)] of one atom.
    std::vector<double> densityCoefficients(const Frame& frame, const NeighbourList& neighbours,
                                            int atom) const;
    // Power spectrum of one atom into row[0..featureCount()).
    void powerSpectrum(const Frame& frame, const NeighbourList& neighbours, int atom,
                       double* row) const;

private:
    SoapOptions options_;
    std::vector<int> species_;
    std::vector<int> channelOfZ_; // Z → channel index, -1 when not a channel
    GtoRadialBasis basis_;
};

// Power spectra of every atom of `frames`, rows in frame order. Species channels are
// options.species or, when empty, all species of `frames`.
MatrixD computeSoap(const std::vector<Frame>& frames, const SoapOptions& options,
                    const TaskContext& ctx = silentContext());

} // namespace le
