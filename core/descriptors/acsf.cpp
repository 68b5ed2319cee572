#include "core/descriptors/acsf.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/descriptors/atom_loop.h"
#include "core/util/error.h"

namespace le {

namespace {

// x^ζ, by repeated squaring when ζ is a whole number (the usual case, and much faster than pow).
double power(double x, double zeta) {
    if (zeta != std::floor(zeta) || zeta > 64) return std::pow(x, zeta);
    double result = 1.0;
    for (unsigned e = unsigned(zeta); e; e >>= 1, x *= x)
        if (e & 1u) result *= x;
    return result;
}

} // namespace

double behlerCutoff(double r, double rCut) {
    return r < rCut ? 0.5 * (std::cos(std::numbers::pi * r / rCut) + 1.0) : 0.0;
}

AcsfCalculator::AcsfCalculator(const AcsfOptions& options, std::vector<int> species)
    : options_(options), species_(std::move(species)) {
    std::sort(species_.begin(), species_.end());
    species_.erase(std::unique(species_.begin(), species_.end()), species_.end());
    if (species_.empty()) throw ComputeError("ACSF needs at least one species channel");
    if (!(options_.rCut > 0) || options_.rCut > 50) throw ComputeError("ACSF r_cut must be in (0, 50] Å");
    if (options_.nRadial < 1 || options_.nRadial > 100)
        throw ComputeError("ACSF n_radial must be between 1 and 100");
    if (!(options_.rStart >= 0) || options_.rStart >= options_.rCut)
        throw ComputeError("ACSF r_start must be in [0, r_cut)");
    if (!(options_.etaAngular >= 0)) throw ComputeError("ACSF eta_angular must be ≥ 0");
    for (double z : options_.zetas)
        if (!(z >= 1)) throw ComputeError("ACSF zeta values must be ≥ 1");
}

Eigen::Index AcsfCalculator::featureCount() const {
    const Eigen::Index s = Eigen::Index(species_.size());
    Eigen::Index count = s * options_.nRadial;
    if (options_.angular) count += s * (s + 1) / 2 * 2 * Eigen::Index(options_.zetas.size());
    return count;
}

double AcsfCalculator::radialCentre(int k) const {
    return options_.rStart + k * (options_.rCut - options_.rStart) / options_.nRadial;
}

double AcsfCalculator::radialEta() const {
    const double delta = (options_.rCut - options_.rStart) / options_.nRadial;
    return 1.0 / (2.0 * delta * delta);
}

int AcsfCalculator::channel(int z) const {
    auto it = std::lower_bound(species_.begin(), species_.end(), z);
    return (it != species_.end() && *it == z) ? int(it - species_.begin()) : -1;
}

void AcsfCalculator::compute(const Frame& frame, const NeighbourList& neighbours, int atom,
                             double* row) const {
    const double rc = options_.rCut, eta = radialEta();
    const int nRadial = options_.nRadial, s = int(species_.size());
    // Neighbours inside the cutoff, with their channel and cutoff weight.
    struct Near {
        Eigen::Vector3d v;
        double r, fc;
        int channel;
    };
    std::vector<Near> near;
    for (const Neighbour& nb : neighbours[std::size_t(atom)]) {
        const int a = channel(frame.species[std::size_t(nb.index)]);
        if (nb.distance < rc && a >= 0) near.push_back({nb.vector, nb.distance, behlerCutoff(nb.distance, rc), a});
    }
    for (const Near& n : near)
        for (int k = 0; k < nRadial; ++k) {
            const double dr = n.r - radialCentre(k);
            row[n.channel * nRadial + k] += std::exp(-eta * dr * dr) * n.fc;
        }
    if (!options_.angular) return;

    const int nz = int(options_.zetas.size());
    double* angular = row + s * nRadial;
    for (std::size_t j = 0; j < near.size(); ++j)
        for (std::size_t k = j + 1; k < near.size(); ++k) {
            const double rjk = (near[k].v - near[j].v).norm();
            if (rjk >= rc) continue;
            const double cosine = near[j].v.dot(near[k].v) / (near[j].r * near[k].r);
            const double radial =
                std::exp(-options_.etaAngular * (near[j].r * near[j].r + near[k].r * near[k].r + rjk * rjk)) *
                near[j].fc * near[k].fc * behlerCutoff(rjk, rc);
            const int a = std::min(near[j].channel, near[k].channel);
            const int b = std::max(near[j].channel, near[k].channel);
            const int pair = a * s - a * (a - 1) / 2 + (b - a); // index of (a, b), a ≤ b
            double* out = angular + pair * 2 * nz;
            // 2^{1-ζ} (1 ± cos)^ζ = 2 ((1 ± cos)/2)^ζ
            const double plus = std::clamp(0.5 * (1.0 + cosine), 0.0, 1.0), minus = 1.0 - plus;
            for (int z = 0; z < nz; ++z) {
                const double zeta = options_.zetas[std::size_t(z)];
                out[2 * z] += 2.0 * power(plus, zeta) * radial;
                out[2 * z + 1] += 2.0 * power(minus, zeta) * radial;
            }
        }
}

MatrixD computeAcsf(const std::vector<Frame>& frames, const AcsfOptions& options,
                    const TaskContext& ctx) {
    const AcsfCalculator acsf(options, options.species.empty() ? speciesOf(frames) : options.species);
    return computePerAtom(
        frames, options.rCut, acsf.featureCount(),
        [&acsf](const Frame& f, const NeighbourList& nl, int atom, double* row) {
            acsf.compute(f, nl, atom, row);
        },
        ctx, "ACSF");
}

} // namespace le
