// cytoscape-fcose ships no types; it is a cytoscape extension.
declare module "cytoscape-fcose" {
  const ext: cytoscape.Ext;
  export default ext;
}
