/**
 * The release contract of the Cluster Stack Operator: names of release folders, charts, archives
 * and files, and the media types of published releases. A leaf package: it depends on nothing else
 * in the project, so the model, the renderers, packaging, verification and publishing all use it.
 */
package dev.clusterstack.core.contract;
