// bottleneck/light.js is the build @octokit/plugin-throttling uses (no Redis clustering); it has
// the same API as the package's typed entry.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
