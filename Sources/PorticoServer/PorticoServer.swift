// PorticoServer
