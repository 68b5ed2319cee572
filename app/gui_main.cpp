#include "app/gui_main.h"

#include <QApplication>
#include <QLabel>
#include <QMainWindow>

namespace le::app {

int runGui(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("Latent Explorer");
    QApplication::setOrganizationName("LatentExplorer");
    QMainWindow window;
    window.setWindowTitle("Latent Explorer");
    window.setCentralWidget(new QLabel("Latent Explorer"));
    window.resize(1280, 800);
    window.show();
    return app.exec();
}

} // namespace le::app
