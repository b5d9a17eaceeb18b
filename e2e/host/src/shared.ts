// Grafana's shared dependencies for plugins: an import map that sends each bare name
// (`react`, `@grafana/data`, …) to a `package:` URL, and a SystemJS hook that answers those
// URLs with the host's own module instances, so a plugin's AMD `module.js` gets exactly
// the React and @grafana/* the host runs. Each is loaded on first use.

type Loader = () => Promise<unknown>;

const shared: Record<string, Loader> = {
  react: () => import('react'),
  'react/jsx-runtime': () => import('react/jsx-runtime'),
  'react/jsx-dev-runtime': () => import('react/jsx-runtime'),
  'react-dom': () => import('react-dom'),
  'react-dom/client': () => import('react-dom/client'),
  '@grafana/data': () => import('@grafana/data'),
  '@grafana/ui': () => import('@grafana/ui'),
  '@grafana/runtime': () => import('@grafana/runtime'),
  '@emotion/css': () => import('@emotion/css'),
  '@emotion/react': () => import('@emotion/react'),
  rxjs: () => import('rxjs'),
  'rxjs/operators': () => import('rxjs/operators'),
  lodash: () => import('lodash'),
  // Grafana 12 and 13 share react-router 6 (a plugin bundles react-router-dom over it).
  'react-router': () => import('react-router-6'),
};

const PREFIX = 'package:';

interface SystemJSLike {
  addImportMap(map: { imports: Record<string, string> }): void;
  import(url: string): Promise<Record<string, unknown>>;
  constructor: { prototype: { instantiate: (...args: unknown[]) => unknown } };
}

export function systemJS(): SystemJSLike {
  return (window as unknown as { System: SystemJSLike }).System;
}

/**
 * A CommonJS package (React, lodash) imported dynamically comes back as `{ default }`
 * only; a plugin's AMD code reads its named exports (`React.useRef`), as Grafana's own
 * webpack build provides them.
 */
function namedExports(ns: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(ns);
  const commonJs = keys.length === 1 && keys[0] === 'default' && ns.default !== null && typeof ns.default !== 'undefined';
  return commonJs ? { ...(ns.default as object), default: ns.default } : ns;
}

let installed = false;

export function installSharedDependencies() {
  if (installed) {
    return;
  }
  installed = true;
  const System = systemJS();
  const imports: Record<string, string> = {};
  for (const name of Object.keys(shared)) {
    imports[name] = `${PREFIX}${name}`;
  }
  System.addImportMap({ imports });
  const proto = System.constructor.prototype;
  const instantiate = proto.instantiate;
  proto.instantiate = function (this: unknown, ...args: unknown[]) {
    const url = String(args[0]);
    const load = url.startsWith(PREFIX) ? shared[url.slice(PREFIX.length)] : undefined;
    if (!load) {
      return instantiate.apply(this, args);
    }
    return load().then((ns) => [
      [],
      (_export: (values: unknown) => void) => ({
        execute() {
          _export(namedExports(ns as Record<string, unknown>));
        },
      }),
    ]);
  };
}
