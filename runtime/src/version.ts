/** The runtime's version, shown in the `welcome` message and `takt --version`. */
export const RUNTIME_VERSION = '0.1.0'
