#include "core/descriptors/descriptor_spec.h"

#include <charconv>
#include <cmath>
#include <sstream>

#include "core/dataset/elements.h"
#include "core/util/error.h"

namespace le {

namespace {

[[noreturn]] void fail(const std::string& message) { throw InputError("", "descriptor spec", message); }

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    const auto e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(s);
    while (std::getline(in, part, sep)) parts.push_back(trim(part));
    return parts;
}

double toNumber(const std::string& key, const std::string& value) {
    double v = 0;
    const auto* end = value.data() + value.size();
    const auto [ptr, ec] = std::from_chars(value.data(), end, v);
    if (ec != std::errc() || ptr != end || !std::isfinite(v))
        fail("'" + key + "' needs a number, got '" + value + "'");
    return v;
}

int toInteger(const std::string& key, const std::string& value) {
    const double v = toNumber(key, value);
    if (v != std::floor(v) || std::abs(v) > 1e6) fail("'" + key + "' needs a whole number, got '" + value + "'");
    return int(v);
}

bool toBool(const std::string& key, const std::string& value) {
    if (value == "true" || value == "1" || value == "yes" || value == "on") return true;
    if (value == "false" || value == "0" || value == "no" || value == "off") return false;
    fail("'" + key + "' needs true or false, got '" + value + "'");
}

std::vector<int> toSpecies(const std::string& value) {
    std::vector<int> z;
    for (const auto& item : split(value, '/')) {
        int n = atomicNumber(item);
        if (n == 0 && !item.empty() && std::isdigit(static_cast<unsigned char>(item[0])))
            n = toInteger("species", item);
        if (n <= 0 || n > 118) fail("unknown element '" + item + "' in species");
        z.push_back(n);
    }
    return z;
}

std::vector<double> toNumbers(const std::string& key, const std::string& value) {
    std::vector<double> v;
    for (const auto& item : split(value, '/')) v.push_back(toNumber(key, item));
    if (v.empty()) fail("'" + key + "' needs at least one value");
    return v;
}

std::string number(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

std::string speciesText(const std::vector<int>& z) {
    std::string s;
    for (int n : z) {
        if (!s.empty()) s += '/';
        s += elementSymbol(n);
    }
    return s;
}

void setSoap(SoapOptions& o, const std::string& key, const std::string& value) {
    if (key == "n_max") o.nMax = toInteger(key, value);
    else if (key == "l_max") o.lMax = toInteger(key, value);
    else if (key == "r_cut") o.rCut = toNumber(key, value);
    else if (key == "sigma") o.sigma = toNumber(key, value);
    else if (key == "cutoff_width") o.cutoffWidth = toNumber(key, value);
    else if (key == "normalize" || key == "normalise") o.normalize = toBool(key, value);
    else if (key == "species") o.species = toSpecies(value);
    else fail("unknown SOAP option '" + key + "' (n_max, l_max, r_cut, sigma, cutoff_width, normalize, species)");
}

void setAcsf(AcsfOptions& o, const std::string& key, const std::string& value) {
    if (key == "r_cut") o.rCut = toNumber(key, value);
    else if (key == "n_radial") o.nRadial = toInteger(key, value);
    else if (key == "r_start") o.rStart = toNumber(key, value);
    else if (key == "angular") o.angular = toBool(key, value);
    else if (key == "eta_angular") o.etaAngular = toNumber(key, value);
    else if (key == "zetas") o.zetas = toNumbers(key, value);
    else if (key == "species") o.species = toSpecies(value);
    else fail("unknown ACSF option '" + key + "' (r_cut, n_radial, r_start, angular, eta_angular, zetas, species)");
}

DescriptorPooling toPooling(const std::string& value) {
    if (value == "none") return DescriptorPooling::None;
    if (value == "mean") return DescriptorPooling::Mean;
    fail("'pool' is none or mean, got '" + value + "'");
}

// ",centres=C,pool=mean" when set.
std::string selectionText(const DescriptorSpec& spec) {
    std::string s;
    if (!spec.centres.empty()) s += ",centres=" + speciesText(spec.centres);
    if (spec.pool == DescriptorPooling::Mean) s += ",pool=mean";
    return s;
}

} // namespace

DescriptorSpec parseDescriptorOptions(DescriptorKind kind, const std::string& options) {
    DescriptorSpec spec;
    spec.kind = kind;
    for (const auto& item : split(options, ',')) {
        if (item.empty()) continue;
        const auto eq = item.find('=');
        if (eq == std::string::npos) fail("expected key=value, got '" + item + "'");
        const std::string key = trim(item.substr(0, eq)), value = trim(item.substr(eq + 1));
        if (key == "centres" || key == "centers") spec.centres = toSpecies(value);
        else if (key == "pool") spec.pool = toPooling(value);
        else if (kind == DescriptorKind::Soap) setSoap(spec.soap, key, value);
        else setAcsf(spec.acsf, key, value);
    }
    // Validate now so a bad value is reported before any work starts.
    try {
        if (kind == DescriptorKind::Soap) SoapCalculator(spec.soap, {1});
        else AcsfCalculator(spec.acsf, {1});
    } catch (const ComputeError& e) {
        fail(e.what());
    }
    return spec;
}

DescriptorSpec parseDescriptorSpec(const std::string& text) {
    const auto colon = text.find(':');
    const std::string kind = trim(text.substr(0, colon));
    const std::string options = colon == std::string::npos ? std::string() : text.substr(colon + 1);
    if (kind == "soap" || kind == "SOAP") return parseDescriptorOptions(DescriptorKind::Soap, options);
    if (kind == "acsf" || kind == "ACSF") return parseDescriptorOptions(DescriptorKind::Acsf, options);
    fail("unknown descriptor '" + kind + "' in '" + text + "' (use soap:... or acsf:...)");
}

std::string DescriptorSpec::text() const {
    if (kind == DescriptorKind::Soap) {
        std::string s = "soap:n_max=" + std::to_string(soap.nMax) + ",l_max=" + std::to_string(soap.lMax) +
                        ",r_cut=" + number(soap.rCut) + ",sigma=" + number(soap.sigma) +
                        ",cutoff_width=" + number(soap.cutoffWidth) +
                        ",normalize=" + (soap.normalize ? "true" : "false");
        if (!soap.species.empty()) s += ",species=" + speciesText(soap.species);
        return s + selectionText(*this);
    }
    std::string zetas;
    for (double z : acsf.zetas) {
        if (!zetas.empty()) zetas += '/';
        zetas += number(z);
    }
    std::string s = "acsf:r_cut=" + number(acsf.rCut) + ",n_radial=" + std::to_string(acsf.nRadial) +
                    ",r_start=" + number(acsf.rStart) + ",angular=" + (acsf.angular ? "true" : "false") +
                    ",eta_angular=" + number(acsf.etaAngular) + ",zetas=" + zetas;
    if (!acsf.species.empty()) s += ",species=" + speciesText(acsf.species);
    return s + selectionText(*this);
}

std::string DescriptorSpec::displayName() const {
    std::string name;
    if (kind == DescriptorKind::Soap)
        name = "SOAP n" + std::to_string(soap.nMax) + " l" + std::to_string(soap.lMax) + " rc" +
               number(soap.rCut) + " σ" + number(soap.sigma) + (soap.normalize ? "" : " raw");
    else
        name = "ACSF rc" + number(acsf.rCut) + " " + std::to_string(acsf.nRadial) + "G2" +
               (acsf.angular ? " +G4" : "");
    if (!centres.empty()) name += " [" + speciesText(centres) + "]";
    if (pool == DescriptorPooling::Mean) name += " mean";
    return name;
}

} // namespace le
