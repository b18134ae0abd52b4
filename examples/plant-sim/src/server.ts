/** OPCUAServer construction: endpoints, security, users and the certificate store. */
import os from 'node:os'
import path from 'node:path'
import { MessageSecurityMode, OPCUACertificateManager, OPCUAServer, SecurityPolicy, nodesets } from 'node-opcua'

export type SecurityModeName = 'None' | 'Sign' | 'SignAndEncrypt'

export interface ServerSetup {
  host: string
  port: number
  pkiDir: string
  securityModes: SecurityModeName[]
  allowAnonymous: boolean
  users: Record<string, string>
}

/** Default certificate store: per user under the system temp dir, so a fresh machine needs no setup or network. */
export function defaultPkiDir(): string {
  return path.join(os.tmpdir(), 'takt-plant-sim-pki')
}

const MODE: Record<SecurityModeName, MessageSecurityMode> = {
  None: MessageSecurityMode.None,
  Sign: MessageSecurityMode.Sign,
  SignAndEncrypt: MessageSecurityMode.SignAndEncrypt,
}

export async function createServer(s: ServerSetup): Promise<OPCUAServer> {
  // The certificate (RSA 2048, self-signed) is generated in-process by node-opcua-pki on first start: no openssl, no
  // download. The simulator trusts every client certificate so Sign/SignAndEncrypt work without manual trust steps.
  const serverCertificateManager = new OPCUACertificateManager({
    rootFolder: path.join(s.pkiDir, 'server'),
    automaticallyAcceptUnknownCertificate: true,
    keySize: 2048,
    disableFileWatchers: true,
  })
  const userCertificateManager = new OPCUACertificateManager({
    rootFolder: path.join(s.pkiDir, 'user'),
    automaticallyAcceptUnknownCertificate: false,
    disableFileWatchers: true,
  })
  const secure = s.securityModes.some((m) => m !== 'None')
  const securityPolicies = [
    ...(s.securityModes.includes('None') ? [SecurityPolicy.None] : []),
    // Basic128Rsa15 is left out: it needs RSA PKCS#1 v1.5 decryption, which current Node versions refuse.
    ...(secure ? [SecurityPolicy.Basic256Sha256, SecurityPolicy.Aes128_Sha256_RsaOaep, SecurityPolicy.Aes256_Sha256_RsaPss] : []),
  ]
  const users = s.users
  return new OPCUAServer({
    port: s.port,
    host: s.host,
    hostname: s.host,
    nodeset_filename: [nodesets.standard],
    serverCertificateManager,
    userCertificateManager,
    securityModes: s.securityModes.map((m) => MODE[m]),
    securityPolicies,
    allowAnonymous: s.allowAnonymous,
    userManager: {
      isValidUser: (user: string, password: string) => Object.hasOwn(users, user) && users[user] === password,
    },
    buildInfo: { productName: 'Takt plant simulator', manufacturerName: 'Takt', softwareVersion: '0.1.0' },
    serverInfo: { applicationUri: 'urn:takt:plant-sim', productUri: 'urn:takt:plant-sim' },
    maxConnectionsPerEndpoint: 100,
    serverCapabilities: {
      maxSessions: 100,
      // 0: a client asking for sampling 0 on these exception-based variables gets every change, without one
      // coalescing timer per monitored item (the load mode depends on this to stay cheap).
      minSupportedSampleRate: 0,
      // Every limit is given a value: node-opcua's client reads them all on reconnect and warns about missing ones.
      operationLimits: {
        maxMonitoredItemsPerCall: 10000, maxNodesPerRead: 10000, maxNodesPerWrite: 1000, maxNodesPerBrowse: 1000,
        maxNodesPerMethodCall: 100, maxNodesPerRegisterNodes: 1000, maxNodesPerTranslateBrowsePathsToNodeIds: 1000,
        maxNodesPerNodeManagement: 1, maxNodesPerHistoryReadData: 1, maxNodesPerHistoryReadEvents: 1,
        maxNodesPerHistoryUpdateData: 1, maxNodesPerHistoryUpdateEvents: 1,
      },
    },
    isAuditing: false,
  })
}
