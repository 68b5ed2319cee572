#include "core/descriptors/soap.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/descriptors/atom_loop.h"
#include "core/descriptors/spherical_harmonics.h"
#include "core/util/error.h"

namespace le {

double smoothCutoff(double r, double rCut, double width) {
    if (r >= rCut) return 0.0;
    if (r <= rCut - width) return 1.0;
    return 0.5 * (1.0 + std::cos(std::numbers::pi * (r - rCut + width) / width));
}

namespace {

const SoapOptions& validated(const SoapOptions& o) {
    if (!(o.cutoffWidth > 0) || o.cutoffWidth > o.rCut)
        throw ComputeError("SOAP cutoff_width must be in (0, r_cut]");
    return o;
}

} // namespace

SoapCalculator::SoapCalculator(const SoapOptions& options, std::vector<int> species)
    : options_(validated(options)), species_(std::move(species)),
      basis_(options.nMax, options.lMax, options.rCut, options.sigma) {
    std::sort(species_.begin(), species_.end());
    species_.erase(std::unique(species_.begin(), species_.end()), species_.end());
    if (species_.empty()) throw ComputeError("SOAP needs at least one species channel");
    channelOfZ_.assign(std::size_t(species_.back() + 1), -1);
    for (std::size_t a = 0; a < species_.size(); ++a)
        if (species_[a] >= 0) channelOfZ_[std::size_t(species_[a])] = int(a);
}

Eigen::Index SoapCalculator::featureCount() const {
    const Eigen::Index s = Eigen::Index(species_.size()), n = options_.nMax, l = options_.lMax + 1;
    const Eigen::Index samePair = n * (n + 1) / 2, crossPair = n * n;
    return (s * samePair + s * (s - 1) / 2 * crossPair) * l;
}

std::vector<double> SoapCalculator::densityCoefficients(const Frame& frame,
                                                        const NeighbourList& neighbours,
                                                        int atom) const {
    const int nMax = options_.nMax, lMax = options_.lMax, L = lMax + 1, M = L * L;
    std::vector<double> c(species_.size() * std::size_t(nMax * M), 0.0);
    std::vector<double> ylm(static_cast<std::size_t>(M)), radial(static_cast<std::size_t>(nMax * L));
    for (const Neighbour& nb : neighbours[std::size_t(atom)]) {
        if (nb.distance >= options_.rCut) continue;
        const int z = frame.species[std::size_t(nb.index)];
        if (z < 0 || z >= int(channelOfZ_.size()) || channelOfZ_[std::size_t(z)] < 0) continue;
        const double weight =
            4.0 * std::numbers::pi * smoothCutoff(nb.distance, options_.rCut, options_.cutoffWidth);
        realSphericalHarmonics(lMax, nb.vector, ylm.data());
        basis_.radialIntegrals(nb.distance, radial.data());
        double* block = c.data() + std::size_t(channelOfZ_[std::size_t(z)] * nMax * M);
        for (int n = 0; n < nMax; ++n) {
            double* cn = block + n * M;
            for (int l = 0; l < L; ++l) {
                const double w = weight * radial[std::size_t(n * L + l)];
                for (int k = l * l; k < (l + 1) * (l + 1); ++k) cn[k] += w * ylm[std::size_t(k)];
            }
        }
    }
    return c;
}

void SoapCalculator::powerSpectrum(const Frame& frame, const NeighbourList& neighbours, int atom,
                                   double* row) const {
    const int nMax = options_.nMax, L = options_.lMax + 1, M = L * L;
    const std::vector<double> c = densityCoefficients(frame, neighbours, atom);
    const int channels = int(species_.size());
    Eigen::Index col = 0;
    for (int a = 0; a < channels; ++a)
        for (int b = a; b < channels; ++b)
            for (int n1 = 0; n1 < nMax; ++n1)
                for (int n2 = (a == b ? n1 : 0); n2 < nMax; ++n2) {
                    const double* ca = c.data() + std::size_t((a * nMax + n1) * M);
                    const double* cb = c.data() + std::size_t((b * nMax + n2) * M);
                    const double scale = (a == b && n1 != n2) ? std::numbers::sqrt2 : 1.0;
                    for (int l = 0; l < L; ++l) {
                        double sum = 0.0;
                        for (int k = l * l; k < (l + 1) * (l + 1); ++k) sum += ca[k] * cb[k];
                        row[col++] = scale * sum;
                    }
                }
    if (options_.normalize) {
        double norm2 = 0.0;
        for (Eigen::Index k = 0; k < col; ++k) norm2 += row[k] * row[k];
        if (norm2 > 0) {
            const double inv = 1.0 / std::sqrt(norm2);
            for (Eigen::Index k = 0; k < col; ++k) row[k] *= inv;
        }
    }
}

MatrixD computeSoap(const std::vector<Frame>& frames, const SoapOptions& options,
                    const TaskContext& ctx) {
    const SoapCalculator soap(options, options.species.empty() ? speciesOf(frames) : options.species);
    return computePerAtom(
        frames, options.rCut, soap.featureCount(),
        [&soap](const Frame& f, const NeighbourList& nl, int atom, double* row) {
            soap.powerSpectrum(f, nl, atom, row);
        },
        ctx, "SOAP power spectrum");
}

} // namespace le
