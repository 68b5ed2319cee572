#pragma once
// Atom-centred symmetry functions (Behler & Parrinello 2007; Behler 2011), one vector per atom.
//
//   G2^a_k   = Σ_{j ∈ a} exp(-η_k (r_ij - r_k)²) f_c(r_ij)                 per neighbour species a
//   G4^{ab}_{ζλ} = 2^{1-ζ} Σ_{j<k; {Z_j, Z_k} = {a, b}} (1 + λ cos θ_ijk)^ζ
//                  · exp(-η (r_ij² + r_ik² + r_jk²)) f_c(r_ij) f_c(r_ik) f_c(r_jk)
// with Behler's cutoff f_c(r) = ½ (cos(π r / r_c) + 1) for r < r_c, 0 beyond.
//
// Parameter set (a common "shifted" choice): n_radial Gaussians with centres r_k = r_start + k Δ,
// Δ = (r_c - r_start) / n_radial, and η_k = 1 / (2Δ²), so neighbouring Gaussians cross at
// about one standard deviation; angular terms for ζ ∈ {1, 2, 4, 16}, λ = ±1 and one η.
#include <vector>

#include "core/dataset/feature_set.h"
#include "core/dataset/frame.h"
#include "core/descriptors/neighbour_list.h"
#include "core/util/task_context.h"

namespace le {

struct AcsfOptions {
    double rCut = 6.0;         // Å
    int nRadial = 8;           // G2 functions per neighbour species
    double rStart = 0.5;       // first G2 centre, Å
    bool angular = true;       // include G4
    double etaAngular = 0.005; // Å⁻²
    std::vector<double> zetas{1, 2, 4, 16};
    std::vector<int> species;  // neighbour channels; empty = all species of the input
};

// Behler's cosine cutoff.
double behlerCutoff(double r, double rCut);

class AcsfCalculator {
public:
    AcsfCalculator(const AcsfOptions& options, std::vector<int> species); // throws ComputeError

    Eigen::Index featureCount() const;
    const std::vector<int>& species() const { return species_; }
    // G2 centre and η of radial function k.
    double radialCentre(int k) const;
    double radialEta() const;

    // Columns: for each species a, its n_radial G2; then for each species pair a ≤ b, for each
    // ζ, λ = +1 then -1.
    void compute(const Frame& frame, const NeighbourList& neighbours, int atom, double* row) const;

private:
    int channel(int z) const;
    AcsfOptions options_;
    std::vector<int> species_;
};

MatrixD computeAcsf(const std::vector<Frame>& frames, const AcsfOptions& options,
                    const TaskContext& ctx = silentContext());

} // namespace le
