// Where the KubeChat server is: `?server=` on the page (the e2e suite uses it), else `npm start`'s address.
export const SERVER_URL = new URLSearchParams(location.search).get('server') ?? 'http://127.0.0.1:8080';
