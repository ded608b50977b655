# The install package: `cpack -G DEB` in a build folder makes kiosk_VERSION_ARCH.deb with the
# program, its fonts and sample content, a commented default config, the systemd service and the
# server-side files (nginx site, fleet dashboard). Library dependencies come from dpkg-shlibdeps.
install(FILES ${PROJECT_SOURCE_DIR}/deploy/systemd/kiosk.service ${PROJECT_SOURCE_DIR}/deploy/systemd/kiosk-retry.timer
              ${PROJECT_SOURCE_DIR}/deploy/systemd/kiosk-retry.service DESTINATION lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/display.json DESTINATION /etc/kiosk)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/deploy/dashboard DESTINATION share/kiosk/server)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/deploy/nginx DESTINATION share/kiosk/server)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/install.md
              ${PROJECT_SOURCE_DIR}/docs/publishing.md ${PROJECT_SOURCE_DIR}/docs/fleet.md
        DESTINATION share/doc/kiosk)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kiosk)
set(CPACK_PACKAGE_VENDOR "kiosk")
set(CPACK_PACKAGE_CONTACT "kiosk maintainers <kiosk@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Fullscreen player for exhibition-hall displays")
set(CPACK_PACKAGE_DESCRIPTION "Rotates posters, notices, the day's timetable and live results on \
unattended displays, following a signed content channel on a web server. Runs on KMSDRM without a \
desktop, under cage or X11, as a watched systemd service.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The fonts after the CJK font the package carries: symbols (℃, pinyin) and colour emoji.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, fonts-dejavu-core, fonts-noto-color-emoji")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cage, cec-utils")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/deploy/debian/postinst ${PROJECT_SOURCE_DIR}/deploy/debian/prerm
    ${PROJECT_SOURCE_DIR}/deploy/debian/postrm ${PROJECT_SOURCE_DIR}/deploy/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
