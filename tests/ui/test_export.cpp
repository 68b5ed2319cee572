// Plot export (PNG dimensions and DPI, SVG with the model names as text, PDF header) and
// data export (CSV values equal the matrix, JSON re-imports to the same matrix), and a
// failed export never destroys an existing file.
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QTemporaryDir>
#include <QTest>

#include <qcustomplot.h>

#include "helpers/hand_made_results.h"
#include "ui/export/matrix_export.h"
#include "ui/export/plot_export.h"
#include "ui/views/heatmap_view.h"

using namespace le;
using namespace le::ui;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    HeatmapView* view_ = nullptr;
    QString path(const QString& name) const { return dir_.filePath(name); }

private slots:
    void init() {
        const auto result = test::handMadeResult();
        view_ = new HeatmapView;
        view_->resize(800, 400);
        view_->setPanels({matrixFromResult(result, Measure::GFRE), matrixFromResult(result, Measure::LFRE)});
    }
    void cleanup() { delete view_; }

    void formatFromSuffix() {
        PlotFormat f;
        QVERIFY(plotFormatFromPath("a/fig.PDF", &f) && f == PlotFormat::Pdf);
        QVERIFY(plotFormatFromPath("fig.svg", &f) && f == PlotFormat::Svg);
        QVERIFY(plotFormatFromPath("fig.png", &f) && f == PlotFormat::Png);
        QVERIFY(!plotFormatFromPath("fig.jpg", &f));
    }

    void pngHasRequestedPixelsAndDpi() {
        PlotExportOptions options;
        options.width = 960;
        options.height = 480;
        options.dpi = 192; // twice the logical 96 dpi
        QCOMPARE(exportPlot(*view_->plot(), path("fig.png"), PlotFormat::Png, options), QString());
        const QImage image(path("fig.png"));
        QCOMPARE(image.width(), 1920);
        QCOMPARE(image.height(), 960);
        QCOMPARE(image.dotsPerMeterX(), int(192 / 0.0254 + 0.5));
        // The figure is drawn, not blank: viridis yellow (0.95 cell) appears somewhere.
        bool yellow = false;
        for (int y = 0; y < image.height() && !yellow; y += 4)
            for (int x = 0; x < image.width() && !yellow; x += 4) {
                const QColor c = image.pixelColor(x, y);
                yellow = c.red() > 220 && c.green() > 200 && c.blue() < 80;
            }
        QVERIFY(yellow);
    }

    void svgKeepsTextAsText() {
        PlotExportOptions options;
        options.width = 900;
        options.height = 420;
        QCOMPARE(exportPlot(*view_->plot(), path("fig.svg"), PlotFormat::Svg, options), QString());
        const QByteArray svg = readAll(path("fig.svg"));
        QVERIFY(svg.startsWith("<?xml"));
        QVERIFY(svg.contains("<svg"));
        QVERIFY(svg.contains("width=\"900"));
        for (const char* text : {">MACE<", ">PET<", ">UMA<", ">source<", ">target<", ">GFRE<",
                                 ">LFRE<", ">0.42<", ">0.95<"})
            QVERIFY2(svg.contains(text), text);
    }

    void pdfIsAPdf() {
        PlotExportOptions options;
        QCOMPARE(exportPlot(*view_->plot(), path("fig.pdf"), PlotFormat::Pdf, options), QString());
        const QByteArray pdf = readAll(path("fig.pdf"));
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
        // Page size = figure size: 1200 × 560 logical px at 96 dpi = 900 × 420 pt.
        QVERIFY(pdf.contains("/MediaBox [0 0 900.000000 420.000000]"));
    }

    void failedExportKeepsExistingFile() {
        QFile existing(path("keep.png"));
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("precious");
        existing.close();
        PlotExportOptions bad;
        bad.dpi = 0;
        const QString error = exportPlot(*view_->plot(), path("keep.png"), PlotFormat::Png, bad);
        QVERIFY(error.contains("keep.png"));
        QCOMPARE(readAll(path("keep.png")), QByteArray("precious"));
        const QString missingDir = exportPlot(*view_->plot(), path("no/such/dir/x.svg"),
                                              PlotFormat::Svg, PlotExportOptions{});
        QVERIFY(missingDir.contains("x.svg"));
    }

    void csvValuesEqualTheMatrix() {
        const auto result = test::handMadeResult();
        const NamedMatrix gfre = matrixFromResult(result, Measure::GFRE);
        const QString csv = matricesToCsv({gfre, matrixFromResult(result, Measure::LFRE)});
        const QStringList blocks = csv.split("\n\n");
        QCOMPARE(blocks.size(), 2);
        const QStringList lines = blocks[0].trimmed().split('\n');
        QCOMPARE(lines[0], QString("# GFRE"));
        QCOMPARE(lines[1], QString("source\\target,MACE,PET,UMA"));
        QCOMPARE(lines.size(), 5);
        for (int r = 0; r < 3; ++r) {
            const QStringList fields = lines[2 + r].split(',');
            QCOMPARE(fields[0], gfre.rowNames[r]);
            for (int c = 0; c < 3; ++c) QCOMPARE(fields[1 + c].toDouble(), gfre.values(r, c));
        }
        QVERIFY(blocks[1].startsWith("# LFRE\n"));
        QCOMPARE(writeTextFile(path("m.csv"), csv.toUtf8()), QString());
        QCOMPARE(readAll(path("m.csv")), csv.toUtf8());
    }

    void csvQuotesNamesWithCommasAndLeavesNanEmpty() {
        NamedMatrix m;
        m.title = "t";
        m.rowNames = m.columnNames = {"a,b", "c"};
        m.values.resize(2, 2);
        m.values << 0.5, std::nan(""), 1.0 / 3.0, 0;
        const QStringList lines = matricesToCsv({m}).trimmed().split('\n');
        QCOMPARE(lines[1], QString("source\\target,\"a,b\",c"));
        QCOMPARE(lines[2], QString("\"a,b\",0.5,"));
        QCOMPARE(lines[3].section(',', 1, 1).toDouble(), 1.0 / 3.0); // full precision
    }

    void jsonRoundTripsThroughThePublishedReader() {
        const auto result = test::handMadeResult();
        const NamedMatrix lfre = matrixFromResult(result, Measure::LFRE);
        QCOMPARE(writeTextFile(path("lfre_mine.json"), matrixToJson(lfre)), QString());
        const NamedMatrix back = readPublishedMatrix(path("lfre_mine.json"));
        QCOMPARE(back.title, QString("LFRE (published)"));
        QCOMPARE(back.rowNames, lfre.rowNames);
        QCOMPARE(back.values, lfre.values);
    }
};

QTEST_MAIN(TestExport)
#include "test_export.moc"
