/**
 * Inner-product functional encryption (Abdalla, Bourse, De Caro, Pointcheval, PKC 2015, the DDH
 * scheme) on secp256k1 through BouncyCastle: what lets a private task's data node hand miners the
 * projections of its training samples onto a round's secure-mapping-layer weights, and nothing
 * else (docs/protocol.md). {@link io.learnchain.chain.privacy.InnerProductEncryption} holds the
 * four algorithms; keys, ciphertexts and their strict codecs are records; randomness comes in
 * through {@link io.learnchain.chain.privacy.EntropySource}.
 */
package io.learnchain.chain.privacy;
